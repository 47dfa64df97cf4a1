import { existsSync } from 'node:fs'
import { mkdir } from 'node:fs/promises'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startPlayground, type Playground } from './playground.ts'

/*
 * A person in a real browser talks to the demo bot on the playground's chat page: headless Chromium
 * from the Debian package (`.ci/run` installs it), driven by playwright-core; never a downloaded browser.
 * Outside CI, a machine without /usr/bin/chromium skips this file and says why.
 */

const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'
const haveBrowser = existsSync(chromiumPath)
if (!haveBrowser && process.env.CI) throw new Error(`CI needs a browser at ${chromiumPath} (apt-get install chromium)`)
if (!haveBrowser) console.warn(`playground e2e skipped: no browser at ${chromiumPath} (apt-get install chromium, or set CHROMIUM_PATH)`)

/** Where the screenshot is kept, as a test artifact (ignored by git). */
const artifacts = join(dirname(fileURLToPath(import.meta.url)), '..', 'test-results')

describe.skipIf(!haveBrowser)('the playground in a browser', () => {
  let playground: Playground
  let browser: Browser | undefined
  let page: Page

  beforeAll(async () => {
    playground = await startPlayground()
    browser = await chromium.launch({
      executablePath: chromiumPath,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    })
    page = await browser.newPage({ viewport: { width: 1100, height: 900 } })
  }, 60_000)

  afterAll(async () => {
    await browser?.close()
    await playground.close()
  })

  /** The last message of the open dialog that contains `text`. */
  const message = (text: string) => page.locator('#messages li', { hasText: text }).last()
  const send = async (text: string) => {
    await page.fill('#text', text)
    await page.press('#text', 'Enter')
  }
  const press = (text: string) => page.locator(`#messages li:last-child [data-button="${text}"]`).click()

  it('opens the bot dialog as Alice, runs /help, presses buttons and completes a request', async () => {
    await page.goto(playground.pageUrl)
    await page.selectOption('#user', String(playground.userId))
    await page.selectOption('#with', String(playground.botId))
    await expect.poll(() => page.locator('#with option:checked').textContent()).toContain('Support desk')
    await page.click('#open')
    await message('Hello, Alice Smith!').waitFor()
    await expect.poll(() => page.textContent('#title')).toBe('Support desk')

    await send('/help')
    await message('finds request 1 and its chat').waitFor()

    await press('Open a request')
    await message('What is it about?').waitFor()
    await press('Billing')
    await message('Now describe the problem').waitFor()
    await send('My invoice <b>13</b> was charged twice')
    await message('Here is your request. Send it?').waitFor()
    // Typed markup is shown as text, never as markup.
    await expect.poll(() => page.locator('#messages li', { hasText: 'My invoice' }).first().textContent()).toContain('<b>13</b>')
    await press('Send it')
    await message('is open. We talk about it in').waitFor()

    await mkdir(artifacts, { recursive: true })
    await page.screenshot({ path: join(artifacts, 'playground.png') })
    expect(existsSync(join(artifacts, 'playground.png'))).toBe(true)
    expect([...playground.emulator.portal.chats.values()].some((chat) => chat.entityType === 'B24BOT_REQUEST')).toBe(true)
  }, 60_000)
})

import { readdirSync, readFileSync } from 'node:fs'
import { toIssues } from '@b24bot/core'
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { fixturesDir } from '@b24bot/spec-fixtures'
import { attachSchema } from './attach.ts'
import { keyboardButtonSchema, keyboardContentSchema, keyboardSchema } from './keyboard.ts'
import { menuSchema } from './menu.ts'

function issuesOf(schema: v.GenericSchema, value: unknown) {
  const result = v.safeParse(schema, value)
  return result.success ? [] : toIssues(result.issues)
}

function pathsOf(schema: v.GenericSchema, value: unknown): string[] {
  return issuesOf(schema, value).map((issue) => issue.path)
}

/** Every KEYBOARD / ATTACH / MENU value found anywhere in the fixtures (params and extra requests). */
function fixtureValues(): { file: string; key: string; value: unknown }[] {
  const found: { file: string; key: string; value: unknown }[] = []
  const dir = fixturesDir
  function walk(file: string, node: unknown): void {
    if (Array.isArray(node)) {
      for (const item of node) walk(file, item)
    } else if (typeof node === 'object' && node !== null) {
      for (const [key, value] of Object.entries(node)) {
        if (/^(keyboard|attach|menu)$/i.test(key)) found.push({ file, key: key.toUpperCase(), value })
        else walk(file, value)
      }
    }
  }
  for (const folder of ['examples', 'examples-v2']) {
    for (const file of readdirSync(new URL(`${folder}/`, dir)).filter((name) => name.endsWith('.json'))) {
      walk(`${folder}/${file}`, JSON.parse(readFileSync(new URL(`${folder}/${file}`, dir), 'utf8')))
    }
  }
  return found
}

describe('fixtures', () => {
  const values = fixtureValues()
  const schemas: Record<string, v.GenericSchema> = { KEYBOARD: keyboardSchema, ATTACH: attachSchema, MENU: menuSchema }

  it('has keyboards, attachments and menus to check', () => {
    expect(new Set(values.map((value) => value.key))).toEqual(new Set(['KEYBOARD', 'ATTACH', 'MENU']))
  })

  it.each(values.map((value) => [`${value.file} ${value.key}`, value] as const))('%s passes its schema', (_name, { key, value }) => {
    const schema = schemas[key]
    expect(schema).toBeDefined()
    expect(issuesOf(schema!, value)).toEqual([])
  })
})

describe('keyboardSchema: shapes', () => {
  const buttons = [{ TEXT: 'Yes', COMMAND: 'answer', COMMAND_PARAMS: 'yes' }, { TYPE: 'NEWLINE' }, { TEXT: 'Docs', LINK: '/docs' }]

  it('accepts the object form, a bare array and their JSON strings', () => {
    for (const value of [{ BOT_ID: 456, BUTTONS: buttons }, buttons, JSON.stringify(buttons), JSON.stringify({ BUTTONS: buttons })]) {
      expect(issuesOf(keyboardSchema, value)).toEqual([])
    }
  })

  it('sends the value as given, flags as Y/N', () => {
    expect(v.parse(keyboardSchema, [{ TEXT: 'Go', COMMAND: 'go', BLOCK: true, DISABLED: false }])).toEqual([
      { TEXT: 'Go', COMMAND: 'go', BLOCK: 'Y', DISABLED: 'N' },
    ])
    const json = JSON.stringify(buttons)
    expect(v.parse(keyboardSchema, json)).toBe(json)
  })

  it('takes "N" and "" as removal, only where removal is allowed', () => {
    expect(v.parse(keyboardSchema, 'N')).toBe('N')
    expect(v.parse(keyboardSchema, '')).toBe('')
    expect(issuesOf(keyboardContentSchema, 'N')[0]?.message).toMatch(/only remove KEYBOARD on update methods/)
    expect(pathsOf(keyboardContentSchema, '')).toEqual([''])
  })

  it('validates the content of a JSON string, with paths into it', () => {
    expect(pathsOf(keyboardSchema, JSON.stringify({ BUTTONS: [{ TEXT: 'x', LINK: 'ftp://x' }] }))).toEqual(['BUTTONS[0].LINK'])
    expect(pathsOf(v.strictObject({ KEYBOARD: keyboardSchema }), { KEYBOARD: '[{"TEXT":""}]' })).toEqual(
      expect.arrayContaining(['KEYBOARD[0].TEXT']),
    )
  })

  it('passes a non-JSON string that looks like a JS object to the lenient server parser', () => {
    expect(v.parse(keyboardSchema, "[{TEXT: 'Go', LINK: '/go'}]")).toBe("[{TEXT: 'Go', LINK: '/go'}]")
  })

  it('refuses strings that are neither JSON nor removal, and other types', () => {
    expect(issuesOf(keyboardSchema, 'buttons')[0]?.message).toMatch(/not JSON/)
    expect(pathsOf(keyboardSchema, '"text"')).toEqual([''])
    expect(pathsOf(keyboardSchema, 5)).toEqual([''])
    expect(pathsOf(keyboardSchema, null)).toEqual([''])
  })

  it('refuses an object form without buttons, or with unknown keys', () => {
    expect(pathsOf(keyboardSchema, { BUTTONS: [] })).toEqual(['BUTTONS'])
    expect(pathsOf(keyboardSchema, { BOT_ID: 1 })).toEqual(['BUTTONS'])
    expect(issuesOf(keyboardSchema, { BUTTONS: buttons, COLOURS: {} })).toEqual([
      { path: 'COLOURS', message: 'is not a field of KEYBOARD' },
    ])
    expect(pathsOf(keyboardSchema, { BOT_ID: 0, BUTTONS: buttons })).toEqual(['BOT_ID'])
  })

  it('names the field of a bad button, nested under the parameter', () => {
    const params = v.strictObject({ FIELDS: v.strictObject({ KEYBOARD: keyboardSchema }) })
    const keyboard = { BUTTONS: [buttons[0], buttons[1], { TEXT: 'Docs', LINK: 'docs' }] }
    expect(pathsOf(params, { FIELDS: { KEYBOARD: keyboard } })).toEqual(['FIELDS.KEYBOARD.BUTTONS[2].LINK'])
  })
})

describe('keyboardSchema: size', () => {
  const big = (length: number) => [{ TEXT: 'x'.repeat(length), COMMAND: 'go' }]

  it('refuses a keyboard of 60,000 serialized characters or more, at the field', () => {
    const overhead = JSON.stringify(big(0)).length
    expect(issuesOf(keyboardSchema, big(60_000 - overhead - 1))).toEqual([])
    const issues = issuesOf(v.strictObject({ KEYBOARD: keyboardSchema }), { KEYBOARD: big(60_000 - overhead) })
    expect(issues).toEqual([{ path: 'KEYBOARD', message: 'KEYBOARD is 60000 characters or more when serialized; the portal refuses it' }])
  })

  it('measures a JSON string by its own length', () => {
    expect(pathsOf(keyboardSchema, JSON.stringify(big(60_000)))).toEqual([''])
  })
})

describe('keyboardButtonSchema: rules', () => {
  const refusal = (button: unknown) => issuesOf(keyboardButtonSchema, button)

  it('accepts each kind of action and the NEWLINE element', () => {
    for (const button of [
      { TEXT: 'a', LINK: 'https://example.com/x' },
      { TEXT: 'a', LINK: '/online/?IM_DIALOG=1' },
      { TEXT: 'a', COMMAND: 'help', COMMAND_PARAMS: 'x', BLOCK: 'Y' },
      { TEXT: 'a', ACTION: 'PUT', ACTION_VALUE: '/help' },
      { TEXT: 'a', ACTION: 'DIALOG', ACTION_VALUE: 'chat5' },
      { TEXT: 'a', APP_ID: 3, APP_PARAMS: 'p' },
      { TYPE: 'NEWLINE' },
      {
        TEXT: 'styled',
        LINK: '/x',
        DISABLED: 'Y',
        CONTEXT: 'MOBILE',
        DISPLAY: 'LINE',
        WIDTH: 100,
        BG_COLOR: '#fff',
        TEXT_COLOR: '#000000',
        OFF_BG_COLOR: '#AbC',
        OFF_TEXT_COLOR: '#123456',
        BG_COLOR_TOKEN: 'alert',
      },
    ]) {
      expect(refusal(button)).toEqual([])
    }
  })

  it('refuses a button without an action', () => {
    expect(refusal({ TEXT: 'a' })).toEqual([{ path: '', message: 'needs one action: LINK, COMMAND, ACTION with ACTION_VALUE, or APP_ID' }])
  })

  it('refuses a button with two actions, at the second one', () => {
    expect(refusal({ TEXT: 'a', LINK: '/x', COMMAND: 'go' })).toEqual([
      { path: 'COMMAND', message: 'takes exactly one action, and it already has LINK' },
    ])
    expect(refusal({ TEXT: 'a', ACTION: 'SEND', ACTION_VALUE: 'x', APP_ID: 1 }).map((issue) => issue.path)).toEqual(['APP_ID'])
  })

  it('refuses a button without TEXT, or with a blank one', () => {
    expect(refusal({ LINK: '/x' })).toEqual([{ path: 'TEXT', message: 'is required: every button needs a caption' }])
    expect(refusal({ TEXT: '  ', LINK: '/x' }).map((issue) => issue.path)).toEqual(['TEXT'])
  })

  it('refuses BLOCK without COMMAND', () => {
    expect(refusal({ TEXT: 'a', ACTION: 'SEND', ACTION_VALUE: 'x', BLOCK: true })).toEqual([
      { path: 'BLOCK', message: 'only works on COMMAND buttons' },
    ])
    expect(refusal({ TEXT: 'a', LINK: '/x', BLOCK: 'N' })).toEqual([])
  })

  it('refuses companion fields without their action', () => {
    expect(refusal({ TEXT: 'a', ACTION: 'PUT' }).map((issue) => issue.path)).toEqual(['ACTION_VALUE'])
    expect(refusal({ TEXT: 'a', LINK: '/x', ACTION_VALUE: 'x' }).map((issue) => issue.path)).toEqual(['ACTION_VALUE'])
    expect(refusal({ TEXT: 'a', LINK: '/x', COMMAND_PARAMS: 'x' }).map((issue) => issue.path)).toEqual(['COMMAND_PARAMS'])
    expect(refusal({ TEXT: 'a', LINK: '/x', APP_PARAMS: 'x' }).map((issue) => issue.path)).toEqual(['APP_PARAMS'])
  })

  it('refuses bad enums', () => {
    expect(refusal({ TEXT: 'a', ACTION: 'OPEN', ACTION_VALUE: 'x' }).map((issue) => issue.path)).toEqual(['ACTION'])
    expect(refusal({ TEXT: 'a', LINK: '/x', CONTEXT: 'WEB' }).map((issue) => issue.path)).toEqual(['CONTEXT'])
    expect(refusal({ TEXT: 'a', LINK: '/x', DISPLAY: 'INLINE' }).map((issue) => issue.path)).toEqual(['DISPLAY'])
    expect(refusal({ TEXT: 'a', LINK: '/x', BG_COLOR_TOKEN: 'danger' }).map((issue) => issue.path)).toEqual(['BG_COLOR_TOKEN'])
    expect(refusal({ TEXT: 'a', LINK: '/x', BLOCK: 'yes' }).map((issue) => issue.path)).toEqual(['BLOCK'])
    expect(refusal({ TYPE: 'SPACE' }).map((issue) => issue.path)).toEqual(['TYPE'])
  })

  it('refuses relative links that are not root-relative, and other schemes', () => {
    for (const link of ['docs/x', 'ftp://example.com', 'javascript:alert(1)', 'https://', '//evil.example/x', '/\\evil.example']) {
      expect(refusal({ TEXT: 'a', LINK: link })).toEqual([
        { path: 'LINK', message: 'must be an absolute http(s) URL or a root-relative path starting with "/"' },
      ])
    }
  })

  it('refuses bad colours and widths', () => {
    expect(refusal({ TEXT: 'a', LINK: '/x', BG_COLOR: 'red' }).map((issue) => issue.path)).toEqual(['BG_COLOR'])
    expect(refusal({ TEXT: 'a', LINK: '/x', TEXT_COLOR: '#12345' }).map((issue) => issue.path)).toEqual(['TEXT_COLOR'])
    expect(refusal({ TEXT: 'a', LINK: '/x', WIDTH: 0 }).map((issue) => issue.path)).toEqual(['WIDTH'])
  })

  it('refuses other fields on a NEWLINE element, and unknown fields', () => {
    expect(refusal({ TYPE: 'NEWLINE', TEXT: 'a' }).map((issue) => issue.path)).toEqual(['TEXT'])
    expect(refusal({ TEXT: 'a', LINK: '/x', FUNCTION: 'f' }).map((issue) => issue.path)).toEqual(['FUNCTION'])
  })
})

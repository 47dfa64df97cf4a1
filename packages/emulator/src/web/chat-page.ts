import { createHash } from 'node:crypto'

/** An element the BB-code renderer can leave open, and how it closes. */
type OpenElement = 'b' | 'i' | 'a' | 'span'

/** `[b]`, `[/b]`, `[url=...]`, `[USER=5]`, `[br]`: a tag name, an optional `=value`, no line break inside. */
const tagPattern = /\[(\/?)(b|i|br|url|user)(?:=([^\]\n]*))?\]/gi

/** HTML-escapes text for an element's content or a double-quoted attribute. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char] ?? char)
}

/** Escaped text, its line breaks as `<br>`. */
function plain(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>')
}

/** The normalized address when `raw` is an absolute http(s) URL; anything else (`javascript:`, `data:`...) is not a link. */
function httpUrl(raw: string): string | undefined {
  try {
    const url = new URL(raw.trim())
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : undefined
  } catch {
    return undefined
  }
}

function link(href: string): string {
  return `<a href="${escapeHtml(href)}" target="_blank" rel="noopener noreferrer">`
}

/**
 * Renders a message's BB-code as HTML for the chat page, minimally and safely: the text is escaped
 * first, and only `[b]`, `[i]`, `[url=http(s)://...]` / `[url]http(s)://...[/url]`, `[br]`, line
 * breaks and `[USER=n]name[/USER]` (a mention) become markup, from a fixed set of tags with fixed
 * attributes. Anything else, including a `[url=javascript:...]`, stays visible as text; tags left
 * open are closed at the end.
 *
 * @example
 * ```ts
 * renderBbCode('[b]Hi[/b] <you>') // '<b>Hi</b> &lt;you&gt;'
 * ```
 */
export function renderBbCode(text: string): string {
  const open: OpenElement[] = []
  let html = ''
  let at = 0
  const tags = new RegExp(tagPattern.source, tagPattern.flags)
  for (let match = tags.exec(text); match; match = tags.exec(text)) {
    const [whole, slash, rawName = '', value] = match
    html += plain(text.slice(at, match.index))
    at = tags.lastIndex
    const name = rawName.toLowerCase()
    const element: OpenElement = name === 'url' ? 'a' : name === 'user' ? 'span' : name === 'i' ? 'i' : 'b'
    if (slash) {
      // A closing tag closes what was opened inside its element too; one with nothing to close is text.
      const index = name === 'br' ? -1 : open.lastIndexOf(element)
      if (index === -1) html += escapeHtml(whole)
      else
        html += open
          .splice(index)
          .reverse()
          .map((inner) => `</${inner}>`)
          .join('')
    } else if (name === 'br' && value === undefined) {
      html += '<br>'
    } else if ((name === 'b' || name === 'i') && value === undefined) {
      open.push(element)
      html += `<${element}>`
    } else if (name === 'user' && value !== undefined && /^\d+$/.test(value)) {
      open.push('span')
      html += '<span class="mention">'
    } else if (name === 'url' && !open.includes('a')) {
      // `[url=address]text[/url]`, or `[url]address[/url]` with the address as its own text.
      const end = value === undefined ? text.toLowerCase().indexOf('[/url]', at) : -1
      const href = httpUrl(value ?? (end === -1 ? '' : text.slice(at, end)))
      if (href === undefined) {
        html += escapeHtml(whole)
      } else if (value === undefined) {
        html += `${link(href)}${plain(text.slice(at, end))}</a>`
        at = end + '[/url]'.length
        tags.lastIndex = at
      } else {
        open.push('a')
        html += link(href)
      }
    } else {
      html += escapeHtml(whole)
    }
  }
  html += plain(text.slice(at))
  return (
    html +
    open
      .reverse()
      .map((element) => `</${element}>`)
      .join('')
  )
}

const style = `
*{box-sizing:border-box}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1f2933;background:#eef2f6;height:100vh;display:flex;flex-direction:column}
header{display:flex;gap:12px;align-items:center;padding:8px 16px;background:#2fc6f6;color:#fff}
header h1{font-size:16px;margin:0;flex:1}
main{flex:1;display:flex;min-height:0}
aside{width:260px;padding:12px;background:#fff;border-right:1px solid #d5dde5;overflow:auto}
aside h2{font-size:12px;text-transform:uppercase;color:#6b7b8c;margin:12px 0 6px}
#dialogs{list-style:none;margin:0;padding:0}
#dialogs button{width:100%;text-align:left;padding:8px;border:0;border-radius:6px;background:none;cursor:pointer;font:inherit}
#dialogs button:hover{background:#eef2f6}
#dialogs button.current{background:#dff4fd;font-weight:600}
.kind{font-size:11px;color:#6b7b8c;margin-left:6px}
section{flex:1;display:flex;flex-direction:column;min-width:0}
#title{font-size:16px;margin:0;padding:12px 16px;background:#fff;border-bottom:1px solid #d5dde5}
#messages{flex:1;overflow:auto;list-style:none;margin:0;padding:16px}
#messages li{max-width:70%;margin:0 0 10px;padding:8px 12px;background:#fff;border-radius:10px;overflow-wrap:anywhere}
#messages li.own{margin-left:auto;background:#d8f2c8}
#messages li.system{max-width:none;background:none;color:#6b7b8c;text-align:center;font-size:12px}
#messages li.deleted .text{font-style:italic;color:#6b7b8c}
.author{font-size:12px;font-weight:600;color:#0b66c3}
.edited{font-size:11px;color:#6b7b8c;margin-left:6px}
.mention{color:#0b66c3;font-weight:600}
.attach{margin-top:6px;padding-left:8px;border-left:3px solid #2fc6f6;color:#3b4a59}
.keyboard div{display:flex;gap:6px;margin-top:6px}
.keyboard button,form button,aside>button{padding:6px 10px;border:1px solid #2fc6f6;border-radius:6px;background:#fff;color:#0b66c3;cursor:pointer;font:inherit}
form{display:flex;gap:8px;padding:12px 16px;background:#fff;border-top:1px solid #d5dde5}
textarea{flex:1;resize:vertical;min-height:38px;font:inherit;padding:8px}
#error{margin:0;padding:0 16px;color:#c0392b;min-height:1.4em;background:#fff}
select{font:inherit;max-width:100%}
`

// The page's whole logic. It builds the DOM with createElement/textContent; the one innerHTML is a
// message's text, which the server renders with renderBbCode.
const script = `
'use strict'
const api = '/emulator/api/'
const $ = (id) => document.getElementById(id)
let userId = 0
let dialogId = ''
let shown = ''

function element(tag, text, className) {
  const node = document.createElement(tag)
  if (text !== undefined) node.textContent = text
  if (className) node.className = className
  return node
}

async function call(path, body) {
  const init = body === undefined ? {} : { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
  const response = await fetch(api + path, init)
  const data = await response.json()
  if (!response.ok) throw new Error(data.error || response.statusText)
  return data
}

function showError(error) {
  $('error').textContent = error ? String(error.message || error) : ''
}

function fillSelect(select, people, selected) {
  select.replaceChildren(...people.map((person) => {
    const option = element('option', person.name + ' (' + person.id + ')')
    option.value = String(person.id)
    return option
  }))
  if (selected) select.value = String(selected)
}

function renderMessage(message) {
  const item = element('li')
  if (message.authorId === userId) item.classList.add('own')
  if (message.system) item.classList.add('system')
  if (message.deleted) item.classList.add('deleted')
  const author = element('div', message.author, 'author')
  if (message.edited) author.append(element('span', 'edited', 'edited'))
  const text = element('div', undefined, 'text')
  text.innerHTML = message.html
  item.append(author, text)
  for (const line of message.attach) item.append(element('div', line, 'attach'))
  if (message.keyboard.length > 0) {
    const keyboard = element('div', undefined, 'keyboard')
    for (const row of message.keyboard) {
      const line = element('div')
      for (const button of row) {
        const node = element('button', button.text)
        node.type = 'button'
        node.addEventListener('click', () => {
          call('press', { userId, messageId: message.id, button: button.index }).then(refresh).catch(showError)
        })
        line.append(node)
      }
      keyboard.append(line)
    }
    item.append(keyboard)
  }
  return item
}

function render(state) {
  const key = JSON.stringify(state) + '|' + dialogId
  if (key === shown) return
  shown = key
  fillSelect($('user'), state.users, userId)
  const others = state.bots.map((bot) => ({ id: bot.id, name: 'bot: ' + bot.name }))
    .concat(state.users.filter((user) => user.id !== userId))
  const withUser = $('with').value
  fillSelect($('with'), others, withUser)
  $('dialogs').replaceChildren(...state.dialogs.map((dialog) => {
    const button = element('button', dialog.title)
    button.type = 'button'
    button.append(element('span', dialog.kind, 'kind'))
    if (dialog.dialogId === dialogId) button.className = 'current'
    button.addEventListener('click', () => select(dialog.dialogId))
    const item = element('li')
    item.append(button)
    return item
  }))
  const dialog = state.dialogs.find((candidate) => candidate.dialogId === dialogId)
  $('title').textContent = dialog ? dialog.title : 'Pick a dialog or start one'
  $('text').disabled = !dialog
  const list = $('messages')
  const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40
  list.replaceChildren(...(dialog ? dialog.messages.map(renderMessage) : []))
  if (atBottom) list.scrollTop = list.scrollHeight
}

async function refresh() {
  if (userId === 0) {
    const { users } = await call('state')
    if (users.length === 0) return
    userId = users[0].id
  }
  const acting = userId
  const state = await call('state?userId=' + acting)
  // An answer for the user acting before a switch is stale.
  if (acting === userId) render(state)
  showError()
}

function select(id) {
  dialogId = id
  refresh().catch(showError)
}

function poll() {
  refresh().catch(showError).finally(() => setTimeout(poll, 1000))
}

$('user').addEventListener('change', () => {
  userId = Number($('user').value)
  select('')
})

$('open').addEventListener('click', () => {
  call('open', { userId, withUserId: Number($('with').value) }).then((answer) => select(answer.dialogId)).catch(showError)
})

$('composer').addEventListener('submit', (event) => {
  event.preventDefault()
  const text = $('text').value
  if (text.trim() === '' || !dialogId) return
  call('send', { userId, dialogId, text }).then(() => {
    $('text').value = ''
    return refresh()
  }).catch(showError)
})

$('text').addEventListener('keydown', (event) => {
  if (event.key === 'Enter' && !event.shiftKey) {
    event.preventDefault()
    $('composer').requestSubmit()
  }
})

poll()
`

/** A `'sha256-...'` CSP source allowing exactly this inline script or style. */
function cspHash(code: string): string {
  return `'sha256-${createHash('sha256').update(code).digest('base64')}'`
}

/** The chat page: one HTML document with its style and script inline, and nothing fetched but the API. */
const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>b24bot emulator chat</title>
<style>${style}</style>
</head>
<body>
<header><h1>b24bot emulator</h1><label>Acting as <select id="user"></select></label></header>
<main>
<aside>
<h2>Dialogs</h2>
<ul id="dialogs"></ul>
<h2>Start a private dialog</h2>
<select id="with"></select>
<button id="open" type="button">Open</button>
</aside>
<section>
<h2 id="title">Pick a dialog or start one</h2>
<ol id="messages"></ol>
<p id="error" role="alert"></p>
<form id="composer"><textarea id="text" rows="2" placeholder="Message, or /command (Enter sends, Shift+Enter breaks the line)" disabled></textarea><button>Send</button></form>
</section>
</main>
<script>${script}</script>
</body>
</html>
`

/**
 * The chat page for humans: one HTML document with its style and script inline (no external assets),
 * and its response headers, whose Content-Security-Policy allows only that script and style (by hash)
 * and requests to its own origin, so that even markup slipping through a message could run nothing.
 *
 * @example
 * ```ts
 * response.writeHead(200, chatPage.headers)
 * response.end(chatPage.html)
 * ```
 */
export const chatPage: { readonly html: string; readonly headers: Readonly<Record<string, string>> } = {
  html,
  headers: {
    'content-type': 'text/html; charset=utf-8',
    'content-security-policy': [
      "default-src 'none'",
      `script-src ${cspHash(script)}`,
      `style-src ${cspHash(style)}`,
      "connect-src 'self'",
      'img-src data:',
      "base-uri 'none'",
      "form-action 'none'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'cache-control': 'no-store',
  },
}

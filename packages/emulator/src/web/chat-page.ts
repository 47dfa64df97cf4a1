import { createHash } from 'node:crypto'

/** An element the BB-code renderer can leave open, and how it closes. */
type OpenElement = 'b' | 'i' | 'a' | 'span'

/** `[b]`, `[/b]`, `[url=...]`, `[USER=5]`, `[br]`: a tag name, an optional `=value`, no line break inside. */
const tagPattern = /\[(\/?)(b|i|br|url|user|chat)(?:=([^\]\n]*))?\]/gi

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
 * breaks, `[USER=n]name[/USER]` and `[CHAT=n]name[/CHAT]` (mentions) become markup, from a fixed set of tags with fixed
 * attributes. Anything else, including a `[url=javascript:...]`, stays visible as text; tags left
 * open are closed at the end.
 *
 * @example
 * ```ts
 * import { renderBbCode } from './chat-page.ts'
 *
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
    const element: OpenElement = name === 'url' ? 'a' : name === 'user' || name === 'chat' ? 'span' : name === 'i' ? 'i' : 'b'
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
    } else if ((name === 'user' || name === 'chat') && value !== undefined && /^\d+$/.test(value)) {
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
[hidden]{display:none!important}
body{margin:0;font:14px/1.4 system-ui,sans-serif;color:#1f2933;background:#eef2f6;height:100vh;display:flex;flex-direction:column}
header{display:flex;gap:12px;align-items:center;flex-wrap:wrap;padding:8px 16px;background:#2fc6f6;color:#fff}
header h1{font-size:16px;margin:0;flex:1}
header input{font:inherit;padding:3px 6px;width:160px}
main{flex:1;display:flex;min-height:0}
aside{width:280px;padding:12px;background:#fff;border-right:1px solid #d5dde5;overflow:auto}
aside h2{font-size:12px;text-transform:uppercase;color:#6b7b8c;margin:12px 0 6px}
aside input[type=text]{font:inherit;width:100%;padding:4px 6px;margin-bottom:6px}
#dialogs{list-style:none;margin:0;padding:0}
#dialogs button{width:100%;text-align:left;padding:8px;border:0;border-radius:6px;background:none;cursor:pointer;font:inherit}
#dialogs button:hover{background:#eef2f6}
#dialogs button.current{background:#dff4fd;font-weight:600}
#chat-members{max-height:160px;overflow:auto;margin-bottom:6px}
#chat-members label{display:block}
.kind{font-size:11px;color:#6b7b8c;margin-left:6px}
section{flex:1;display:flex;flex-direction:column;min-width:0}
#title{font-size:16px;margin:0;padding:12px 16px;background:#fff;border-bottom:1px solid #d5dde5}
#messages{flex:1;overflow:auto;list-style:none;margin:0;padding:16px}
#messages li{max-width:70%;margin:0 0 10px;padding:8px 12px;background:#fff;border-radius:10px;overflow-wrap:anywhere}
#messages li.own{margin-left:auto;background:#d8f2c8}
#messages li.system{max-width:none;background:none;color:#6b7b8c;text-align:center;font-size:12px}
#messages li.deleted .text{font-style:italic;color:#6b7b8c}
.author{font-size:12px;font-weight:600;color:#0b66c3}
.mark{font-size:11px;font-weight:400;color:#6b7b8c;margin-left:6px}
.mention{color:#0b66c3;font-weight:600}
.attach{margin-top:6px;padding-left:8px;border-left:3px solid #2fc6f6;color:#3b4a59}
.keyboard .row{display:flex;gap:6px;margin-top:6px}
.keyboard .row.line button{flex:1}
.keyboard button:disabled{opacity:.5;cursor:not-allowed}
.keyboard button,form button,aside button.action,header button,#mentions button{padding:6px 10px;border:1px solid #2fc6f6;border-radius:6px;background:#fff;color:#0b66c3;cursor:pointer;font:inherit}
.reactions{display:flex;gap:4px;flex-wrap:wrap;margin-top:6px}
.reactions button{padding:1px 8px;border:1px solid #d5dde5;border-radius:12px;background:#fff;cursor:pointer;font:inherit;font-size:12px}
.reactions button.mine{border-color:#2fc6f6;background:#dff4fd}
#mentions{display:flex;gap:6px;flex-wrap:wrap;padding:8px 16px 0;background:#fff}
form{display:flex;gap:8px;padding:12px 16px;background:#fff;border-top:1px solid #d5dde5}
textarea{flex:1;resize:vertical;min-height:38px;font:inherit;padding:8px}
#error{margin:0;padding:0 16px;color:#c0392b;min-height:1.4em;background:#fff}
select{font:inherit;max-width:100%}
`

// The page's whole logic. It builds the DOM with createElement/textContent; innerHTML is used only for
// a message's text and its attachment's lines, which the server renders with renderBbCode. Button colours arrive as checked #hex
// values and are checked again here before being set through the CSSOM (el.style.color = ...), which
// the CSP allows and which takes one value of one property: no markup or other CSS can ride along.
const script = `
'use strict'
const api = '/emulator/api/'
const hexColor = /^#(?:[0-9a-f]{3}|[0-9a-f]{6})$/i
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

function button(text, className, onClick) {
  const node = element('button', text, className)
  node.type = 'button'
  node.addEventListener('click', onClick)
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

function act(path, body) {
  return call(path, body).then((answer) => refresh().then(() => answer))
}

function fillSelect(select, people, selected) {
  select.replaceChildren(...people.map((person) => {
    const option = element('option', person.name + ' (' + person.id + ')')
    option.value = String(person.id)
    return option
  }))
  if (selected) select.value = String(selected)
}

function fillMembers(container, people) {
  const checked = new Set(Array.from(container.querySelectorAll('input:checked'), (box) => box.value))
  container.replaceChildren(...people.map((person) => {
    const box = element('input')
    box.type = 'checkbox'
    box.value = String(person.id)
    box.checked = checked.has(box.value)
    const label = element('label')
    label.append(box, document.createTextNode(' ' + person.name))
    return label
  }))
}

function checkedIds(container) {
  return Array.from(container.querySelectorAll('input:checked'), (box) => Number(box.value))
}

function renderKeyboard(message) {
  const keyboard = element('div', undefined, 'keyboard')
  for (const row of message.keyboard) {
    const line = element('div', undefined, row.some((key) => key.display === 'LINE') ? 'row line' : 'row')
    for (const key of row) {
      const node = button(key.text, '', () => {
        act('press', { userId, messageId: message.id, button: key.index }).catch(showError)
      })
      node.dataset.button = key.text
      node.disabled = key.disabled
      if (typeof key.bgColor === 'string' && hexColor.test(key.bgColor)) node.style.backgroundColor = key.bgColor
      if (typeof key.textColor === 'string' && hexColor.test(key.textColor)) node.style.color = key.textColor
      line.append(node)
    }
    keyboard.append(line)
  }
  return keyboard
}

function renderReactions(message) {
  const bar = element('div', undefined, 'reactions')
  const toggle = (reaction) => () => {
    act('react', { userId, messageId: message.id, reaction }).catch(showError)
  }
  for (const reaction of message.reactions) {
    const chip = button((reaction.emoji || reaction.reaction) + ' ' + reaction.count, reaction.mine ? 'mine' : '', toggle(reaction.reaction))
    chip.dataset.reaction = reaction.reaction
    chip.title = reaction.reaction
    chip.setAttribute('aria-pressed', String(reaction.mine))
    bar.append(chip)
  }
  if (!message.reactions.some((reaction) => reaction.reaction === 'like')) {
    const like = button('+\\u{1F44D}', '', toggle('like'))
    like.dataset.reaction = 'like'
    like.setAttribute('aria-label', 'Like')
    bar.append(like)
  }
  return bar
}

function renderMessage(message) {
  const item = element('li')
  item.dataset.messageId = String(message.id)
  if (message.authorId === userId) item.classList.add('own')
  if (message.system) item.classList.add('system')
  if (message.deleted) item.classList.add('deleted')
  const author = element('div', message.author, 'author')
  if (message.deleted) author.append(element('span', 'deleted', 'mark'))
  else if (message.edited) author.append(element('span', 'edited', 'mark'))
  const text = element('div', undefined, 'text')
  text.innerHTML = message.html
  item.append(author, text)
  for (const line of message.attach) {
    const block = element('div', undefined, 'attach')
    block.innerHTML = line
    item.append(block)
  }
  if (message.keyboard.length > 0) item.append(renderKeyboard(message))
  if (!message.deleted && !message.system) item.append(renderReactions(message))
  return item
}

function insertMention(member) {
  const text = $('text')
  const name = member.name.split('[').join('').split(']').join('')
  text.setRangeText('[USER=' + member.id + ']' + name + '[/USER] ', text.selectionStart, text.selectionEnd, 'end')
  text.focus()
}

function render(state) {
  const key = JSON.stringify(state) + '|' + dialogId
  if (key === shown) return
  shown = key
  fillSelect($('user'), state.users, userId)
  const others = state.bots.map((bot) => ({ id: bot.id, name: 'bot: ' + bot.name }))
    .concat(state.users.filter((user) => user.id !== userId))
  fillSelect($('with'), others, $('with').value)
  fillMembers($('chat-members'), others)
  $('dialogs').replaceChildren(...state.dialogs.map((dialog) => {
    const node = button(dialog.title, dialog.dialogId === dialogId ? 'current' : '', () => select(dialog.dialogId))
    node.append(element('span', dialog.kind, 'kind'))
    const item = element('li')
    item.append(node)
    return item
  }))
  const dialog = state.dialogs.find((candidate) => candidate.dialogId === dialogId)
  const group = dialog !== undefined && dialog.kind === 'chat'
  $('title').textContent = dialog ? dialog.title : 'Pick a dialog or start one'
  $('text').disabled = !dialog
  $('this-chat').hidden = !group
  if (group) {
    const inChat = new Set(dialog.members.map((member) => member.id))
    fillSelect($('invite-who'), others.filter((person) => !inChat.has(person.id)), $('invite-who').value)
  }
  const bots = group ? dialog.members.filter((member) => member.bot) : []
  $('mentions').replaceChildren(...bots.map((member) => {
    const node = button('@' + member.name, '', () => insertMention(member))
    node.dataset.mention = String(member.id)
    return node
  }))
  $('mentions').hidden = bots.length === 0
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

function onEnter(input, action) {
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Enter') {
      event.preventDefault()
      action()
    }
  })
}

$('user').addEventListener('change', () => {
  userId = Number($('user').value)
  select('')
})

function addPerson() {
  const name = $('new-name').value.trim()
  if (name === '') return showError('Type the new person\\'s name first')
  call('user', { name }).then((answer) => {
    $('new-name').value = ''
    userId = answer.userId
    select('')
  }).catch(showError)
}
$('add-user').addEventListener('click', addPerson)
onEnter($('new-name'), addPerson)

$('open').addEventListener('click', () => {
  call('open', { userId, withUserId: Number($('with').value) }).then((answer) => select(answer.dialogId)).catch(showError)
})

function createChat() {
  const title = $('chat-title').value.trim()
  if (title === '') return showError('Give the chat a title first')
  call('chat', { userId, title, memberIds: checkedIds($('chat-members')) }).then((answer) => {
    $('chat-title').value = ''
    for (const box of $('chat-members').querySelectorAll('input:checked')) box.checked = false
    select(answer.dialogId)
  }).catch(showError)
}
$('create-chat').addEventListener('click', createChat)
onEnter($('chat-title'), createChat)

$('invite').addEventListener('click', () => {
  if ($('invite-who').value === '') return
  act('invite', { userId, dialogId, memberIds: [Number($('invite-who').value)] }).catch(showError)
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
<header><h1>b24bot emulator</h1><label>Acting as <select id="user"></select></label>
<input id="new-name" type="text" maxlength="100" placeholder="New person's name" aria-label="New person's name"><button id="add-user" type="button">New person</button></header>
<main>
<aside>
<h2>Dialogs</h2>
<ul id="dialogs"></ul>
<div id="this-chat" hidden>
<h2>Add to this chat</h2>
<select id="invite-who" aria-label="Who to add"></select>
<button id="invite" class="action" type="button">Add</button>
</div>
<h2>Start a private dialog</h2>
<select id="with" aria-label="With whom"></select>
<button id="open" class="action" type="button">Open</button>
<h2>Start a group chat</h2>
<input id="chat-title" type="text" maxlength="255" placeholder="Chat title" aria-label="Chat title">
<div id="chat-members" role="group" aria-label="Members"></div>
<button id="create-chat" class="action" type="button">Create chat</button>
</aside>
<section>
<h2 id="title">Pick a dialog or start one</h2>
<ol id="messages"></ol>
<p id="error" role="alert"></p>
<div id="mentions" hidden></div>
<form id="composer"><textarea id="text" rows="2" placeholder="Message, or /command (Enter sends, Shift+Enter breaks the line)" aria-label="Message" disabled></textarea><button>Send</button></form>
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
 * import { createServer } from 'node:http'
 * import { chatPage } from './chat-page.ts'
 *
 * createServer((request, response) => {
 *   response.writeHead(200, chatPage.headers)
 *   response.end(chatPage.html)
 * })
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

// The intake under load in its own process, as a bot server is: `node intake-server.mjs ours|baseline`.
// `ours` serves a bot through `toNodeHandler` (the event read, authenticated, decoded, validated and
// routed); `baseline` is what a hand-written handler does: node:http, the body as text, `qs.parse`, a
// token compare, a switch. Prints its URL; `GET /cpu` answers the process's CPU time so far (µs).
import { createServer } from 'node:http'
import { Buffer } from 'node:buffer'
import process from 'node:process'
import { createBot, sameToken } from '@b24bot/bot'
import { toNodeHandler } from '@b24bot/bot/node'
import qs from 'qs'

const token = process.env.INTAKE_TOKEN ?? ''
let handled = 0
const cpu = (res) => {
  const used = process.cpuUsage()
  res.end(JSON.stringify({ cpu: used.user + used.system, handled }))
}

let handler
if (process.argv[2] === 'ours') {
  const bot = createBot({ applicationToken: token })
  bot.on('ONIMBOTMESSAGEADD', () => {
    handled += 1
  })
  const intake = toNodeHandler(bot)
  handler = (req, res) => (req.method === 'GET' ? cpu(res) : intake(req, res))
} else {
  handler = (req, res) => {
    if (req.method === 'GET') return cpu(res)
    const chunks = []
    req.on('data', (chunk) => chunks.push(chunk))
    req.on('end', () => {
      const body = qs.parse(Buffer.concat(chunks).toString('utf8'))
      if (!sameToken(String(body.auth?.application_token ?? ''), token)) {
        res.statusCode = 401
        res.end('Unknown sender')
        return
      }
      switch (body.event) {
        case 'ONIMBOTMESSAGEADD':
          handled += 1
          break
        default:
          break
      }
      res.end('OK')
    })
  }
}
const server = createServer(handler)
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${String(server.address().port)}/events\n`)
})

// Size entry: a bot that takes pushed events through its Web-standard handler (budget in .size-limit.json).
import { createBot } from '../../packages/bot/dist/index.js'

const bot = createBot()
export default { fetch: (request) => bot.fetch(request) }

// Size entry: the namespaced bindings, every method (budget in .size-limit.json).
import { imbot } from '../../packages/imbot/dist/index.js'
import { createClient } from '../../packages/transport/dist/index.js'

export const api = imbot(createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/' }))

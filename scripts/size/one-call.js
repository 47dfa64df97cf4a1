// Size entry: one call by descriptor through a webhook client (budget in .size-limit.json).
import { imbotChatGet } from '../../packages/imbot/dist/index.js'
import { createClient } from '../../packages/transport/dist/index.js'

const client = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/' })
export const chatId = client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })

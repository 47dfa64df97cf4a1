// Size entry: one call by descriptor through a base webhook client, what a call costs with nothing else (budget in .size-limit.js).
import { imbotChatGet } from '../../packages/imbot/dist/index.js'
import { createBaseClient } from '../../packages/transport/dist/index.js'

const client = createBaseClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/' })
export const chatId = client.call(imbotChatGet, { ENTITY_TYPE: 'ORDER', ENTITY_ID: 13 })

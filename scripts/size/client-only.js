// Size entry: a webhook client and nothing else, what every call through it costs at least.
import { createClient } from '../../packages/transport/dist/index.js'

export const client = createClient({ webhookUrl: 'https://example.bitrix24.com/rest/1/secret/' })

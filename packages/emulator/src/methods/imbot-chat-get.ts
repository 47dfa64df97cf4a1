import { phpEmpty, phpIsset, phpString } from '../rest/php.ts'
import { upperCaseKeys } from '../rest/read-params.ts'
import { RestError } from '../rest/rest-error.ts'
import { chatView } from './chat-view.ts'
import type { MethodImplementation } from './method.ts'

const dialogIdPattern = /^([0-9]+|(chat|sg|crm)[0-9]+)$/i

/**
 * `imbot.chat.get` (`CIMRestService::chatGet`, server-behavior §2.4): `BOT_ID` and `CLIENT_ID` are
 * not read and nothing is scoped to a bot. With `DIALOG_ID`, the chat object; else with a non-empty
 * `ENTITY_TYPE` and `ENTITY_ID`, `{ ID }` of the first bound chat or `null`; else `null`.
 */
export const imbotChatGet: MethodImplementation = {
  scope: 'imbot',
  handle({ params, portal, userId }) {
    const { DIALOG_ID: dialogId, ENTITY_TYPE: entityType, ENTITY_ID: entityId } = upperCaseKeys(params)
    if (phpIsset(dialogId)) {
      const text = phpString(dialogId)
      if (!dialogIdPattern.test(text) || phpEmpty(text)) throw new RestError('DIALOG_ID_EMPTY', "Dialog ID can't be empty")
      const chatId = /^\d+$/.test(text) ? undefined : Number(text.replace(/^\D+/, ''))
      const chat = chatId === undefined ? undefined : portal.chats.get(chatId)
      if (chat && !chat.userIds.has(userId)) throw new RestError('ACCESS_ERROR', 'You do not have access to the specified dialog', 403)
      if (!chat) throw new RestError('ACCESS_ERROR', "You don't have access to this chat")
      return chatView(chat, userId)
    }
    if (phpEmpty(entityType) || phpEmpty(entityId)) return null
    const chat = portal.findChatByEntity(phpString(entityType), phpString(entityId))
    return chat ? { ID: chat.id } : null
  },
}

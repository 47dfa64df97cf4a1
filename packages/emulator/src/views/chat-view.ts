import { colorHex } from '../model/colors.ts'
import type { PortalChat } from '../model/entities.ts'
import { phpDate } from './php-date.ts'

const typeNames: Readonly<Record<PortalChat['type'], string>> = { C: 'chat', O: 'open', P: 'private', L: 'lines' }

/** A chat as `imbot.dialog.get` and `imbot.chat.get` by `DIALOG_ID` return it: lower-snake-case keys. */
export function chatView(chat: PortalChat, viewerId: number): Record<string, unknown> {
  return {
    id: chat.id,
    parent_chat_id: 0,
    parent_message_id: 0,
    name: chat.title,
    description: chat.description,
    owner: chat.ownerId,
    extranet: false,
    avatar: '',
    // HEX, as `imbot.dialog.get` answers it (imbot §imbot.dialog.get); the chat keeps the code.
    color: colorHex(chat.color) ?? null,
    type: typeNames[chat.type],
    counter: 0,
    user_counter: chat.userIds.size,
    entity_type: chat.entityType,
    entity_id: chat.entityId,
    entity_data_1: '',
    entity_data_2: '',
    entity_data_3: '',
    mute_list: [],
    date_create: phpDate(chat.createdAt),
    message_type: chat.type,
    role: chat.ownerId === viewerId ? 'owner' : chat.managerIds.has(viewerId) ? 'manager' : 'member',
    text_field_enabled: true,
    manager_list: [...chat.managerIds],
    dialog_id: `chat${chat.id}`,
  }
}

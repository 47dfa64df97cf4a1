import { defineMethod } from '@b24bot/core'
import * as v from 'valibot'
import { countSchema } from '../../schemas/common.ts'
import { dialogIdSchema, idSchema, v2Flag } from '../../schemas/common.ts'

/** A user's read or view mark in a chat. */
const viewerSchema = v.looseObject({
  /** The user. */
  user_id: idSchema,
  /** The user's name. */
  user_name: v.optional(v.string()),
  /** When, ISO 8601, or `null`. */
  date: v.optional(v.nullable(v.string())),
})

/**
 * A classic chat object (lower snake case), as `imbot.dialog.get` returns it. Ids become numbers;
 * references where `0` means "none" (`parent_chat_id`, `owner`, `last_message_id`, …) are numbers too.
 * Only `id` is required; open enumerations (`type`, `role`, `message_type`) are strings.
 */
const classicChatSchema = v.looseObject({
  /** The chat id. */
  id: idSchema,
  /**
   * The dialog id the chat was asked for (`chatNNN`, or a user id for a one-to-one dialog), as a
   * string. The server echoes `DIALOG_ID` as sent, so a user id sent as a number comes back a number.
   */
  dialog_id: v.optional(v.union([v.string(), v.pipe(v.number(), v.transform(String))], 'Expected a dialog id')),
  /** The parent chat of a comment thread, or `0`. */
  parent_chat_id: v.optional(countSchema),
  /** The message a thread hangs on, or `0`. */
  parent_message_id: v.optional(countSchema),
  /** The title. */
  name: v.optional(v.string()),
  /** The description. */
  description: v.optional(v.string()),
  /** The owner's user id, or `0`. */
  owner: v.optional(countSchema),
  /** Whether extranet users are in the chat. */
  extranet: v.optional(v.boolean()),
  /** Avatar URL, or empty. */
  avatar: v.optional(v.string()),
  /** Colour as HEX (`#f76187`). */
  color: v.optional(v.nullable(v.string())),
  /** `chat`, `open`, `private`, `lines`, … */
  type: v.optional(v.string()),
  /** Unread counter of the calling user. */
  counter: v.optional(countSchema),
  /** Number of members. */
  user_counter: v.optional(countSchema),
  /** Number of messages. */
  message_count: v.optional(countSchema),
  /** First unread message id, or `0`. */
  unread_id: v.optional(countSchema),
  /** What members may do: `avatar`, `rename`, `extend`, `call`, `mute`, `leave`, `leave_owner`, `send`, `user_list`. */
  restrictions: v.optional(v.record(v.string(), v.boolean())),
  /** Last message id, or `0`. */
  last_message_id: v.optional(countSchema),
  /** Last message id read by the caller, or `0`. */
  last_id: v.optional(countSchema),
  /** Message marked by the caller, or `0`. */
  marked_id: v.optional(countSchema),
  /** Disk folder of the chat's files, `0` or `null` when none. */
  disk_folder_id: v.optional(v.nullable(countSchema)),
  /** Your object type, as given to `imbot.chat.add`. */
  entity_type: v.optional(v.nullable(v.string())),
  /** Your object id, as given to `imbot.chat.add`. */
  entity_id: v.optional(v.nullable(v.string())),
  /** Free data fields of the entity binding. */
  entity_data_1: v.optional(v.nullable(v.string())),
  entity_data_2: v.optional(v.nullable(v.string())),
  entity_data_3: v.optional(v.nullable(v.string())),
  /** Creation date, ISO 8601. */
  date_create: v.optional(v.nullable(v.string())),
  /** `C` group, `O` open, `P` private, `L` open line, … */
  message_type: v.optional(v.string()),
  /** The caller's role: `owner`, `manager`, `member`, … */
  role: v.optional(v.string()),
  /** Who may do what (`manage_users_add`, `manage_ui`, `can_post`, …): a role name each. */
  permissions: v.optional(v.record(v.string(), v.string())),
  /** Whether the text field is shown (a `Y`/`N` string on some portals), as a boolean. */
  text_field_enabled: v.optional(v2Flag),
  /** Background of a bot chat, or `null`. */
  background_id: v.optional(v.nullable(v.string())),
  /** Whether the chat is new for the caller. */
  is_new: v.optional(v.boolean()),
  /** Who read up to which message. */
  readed_list: v.optional(
    v.array(
      v.looseObject({
        ...viewerSchema.entries,
        /** The last message the user read, or `0`. */
        message_id: v.optional(countSchema),
      }),
    ),
  ),
  /** The administrators' user ids. */
  manager_list: v.optional(v.array(idSchema)),
  /** Who saw the last message. */
  last_message_views: v.optional(
    v.looseObject({
      /** The last message, or `0`. */
      message_id: v.optional(countSchema),
      /** The first viewers. */
      first_viewers: v.optional(v.array(viewerSchema)),
      /** How many users saw it. */
      count_of_viewers: v.optional(countSchema),
    }),
  ),
})

/**
 * `imbot.dialog.get`: a chat or one-to-one dialog (a user id or `chatNNN`) as a lower-snake-case chat object, ids as
 * numbers. Access is checked for the calling user, not the bot.
 *
 * - `DIALOG_ID` is a user id (the one-to-one dialog with that user) or `chatNNN`
 *   (`DIALOG_ID_EMPTY` otherwise).
 * - Access is checked for the calling user (the webhook's or OAuth user), not for a bot; the method
 *   takes no `BOT_ID` or `CLIENT_ID`.
 * - The result is loose: documented fields are typed (ids as numbers), others are kept.
 *
 * @see https://apidocs.bitrix24.com/api-reference/chat-bots/outdated/chats/imbot-dialog-get.html
 * @example
 * ```ts
 * const chat = await api.dialog.get({ DIALOG_ID: 'chat2725' })
 * console.log(chat.name, chat.owner, chat.manager_list)
 * ```
 */
export const imbotDialogGet = defineMethod({
  method: 'imbot.dialog.get',
  idempotent: true,
  params: v.strictObject({
    /** The dialog: a user id or `chatNNN`. */
    DIALOG_ID: dialogIdSchema,
  }),
  result: classicChatSchema,
})

import { phpEmpty, phpString } from '../rest/php.ts'
import { RestError } from '../rest/rest-error.ts'

/** Serialized ATTACH, KEYBOARD and MENU must stay under this many characters (server-behavior §2.4, §4). */
const serializedLimit = 60_000
const actions = ['PUT', 'SEND', 'COPY', 'CALL', 'DIALOG', 'LIVECHAT', 'HELP']
const blockKinds = ['MESSAGE', 'LINK', 'USER', 'GRID', 'IMAGE', 'FILE', 'DELIMITER', 'RICH_LINK']

/** A structured param as the server decodes it: a JSON string is parsed (an unparsable one is nothing). */
function decode(value: unknown): unknown {
  if (typeof value !== 'string') return value
  try {
    return JSON.parse(value) as unknown
  } catch {
    return undefined
  }
}

function asList(value: unknown, key: string): unknown[] {
  if (Array.isArray(value)) return value
  if (typeof value !== 'object' || value === null) return []
  const inner = (value as Record<string, unknown>)[key]
  if (Array.isArray(inner)) return inner
  if (typeof inner === 'object' && inner !== null) return Object.values(inner)
  return Object.values(value)
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/** `Keyboard::addButton` / `ContextMenu::addItem`: a non-blank TEXT and one usable action; invalid ones are dropped. */
function usableButton(button: unknown): boolean {
  if (!isRecord(button)) return false
  if (button.TYPE === 'NEWLINE') return true
  if (phpString(button.TEXT).trim() === '') return false
  if (/^(\/|https?:\/\/)/.test(phpString(button.LINK))) return true
  if (!phpEmpty(button.APP_ID)) return true
  if (actions.includes(phpString(button.ACTION)) && !phpEmpty(button.ACTION_VALUE)) return true
  return !phpEmpty(button.COMMAND)
}

/**
 * KEYBOARD or MENU of `imbot.message.add`: decoded, list taken from `BUTTONS`/`ITEMS` (or the value
 * itself), invalid entries dropped; none left: `KEYBOARD_ERROR` / `MENU_ERROR`. No size check on add:
 * an oversized one is silently not stored (returns `undefined`).
 */
export function readButtons(value: unknown, kind: 'KEYBOARD' | 'MENU', onUpdate = false): unknown[] | undefined {
  const list = asList(decode(value), kind === 'KEYBOARD' ? 'BUTTONS' : 'ITEMS').filter(usableButton)
  if (!list.some((button) => isRecord(button) && button.TYPE !== 'NEWLINE')) {
    // imbot.message.update spells the menu's code in lower case: `menu_ERROR` (server-behavior §2.4, §5).
    const code = kind === 'MENU' && onUpdate ? 'menu_ERROR' : `${kind}_ERROR`
    throw new RestError(code, kind === 'KEYBOARD' ? 'Incorrect keyboard params' : 'Incorrect menu params')
  }
  if (JSON.stringify(list).length < serializedLimit) return list
  // Only updates check the size; on add an oversized keyboard or menu is silently not stored.
  if (onUpdate) throw new RestError(`${kind}_OVERSIZE`, `You have exceeded the maximum allowable size of ${kind.toLowerCase()}`)
  return undefined
}

/** ATTACH of `imbot.message.add`: at least one known block (`ATTACH_ERROR`), under 60,000 characters (`ATTACH_OVERSIZE`). */
export function readAttach(value: unknown): Record<string, unknown> {
  const decoded = decode(value)
  const blocks = asList(decoded, 'BLOCKS').filter((block) => isRecord(block) && Object.keys(block).some((key) => blockKinds.includes(key)))
  if (blocks.length === 0) throw new RestError('ATTACH_ERROR', 'Incorrect attach params')
  const attach = { ...(isRecord(decoded) ? decoded : {}), BLOCKS: blocks }
  if (JSON.stringify(attach).length >= serializedLimit) {
    throw new RestError('ATTACH_OVERSIZE', 'You have exceeded the maximum allowable size of attach')
  }
  return attach
}

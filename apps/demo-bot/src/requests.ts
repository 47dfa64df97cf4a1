/** A topic's key, as a keyboard button sends it. */
export type Topic = 'billing' | 'access' | 'bug'

/** The topics a support request can have, by key: the keyboard offers them, the command checks them. */
export const TOPICS: Readonly<Record<Topic, string>> = {
  billing: 'Billing',
  access: 'Access and accounts',
  bug: 'Something is broken',
}

/** Whether `value` names a topic. */
export function isTopic(value: string): value is Topic {
  return Object.hasOwn(TOPICS, value)
}

/** A support request the bot opened. */
export interface SupportRequest {
  readonly id: number
  readonly topic: Topic
  readonly description: string
  /** The user who opened it. */
  readonly authorId: number
  /** The portal's group chat about it, bound to the request with `ENTITY_TYPE` / `ENTITY_ID`. */
  chatId?: number
}

/** Where requests are kept. The demo keeps them in memory; a real bot would use its database. */
export interface RequestStore {
  create(request: Omit<SupportRequest, 'id'>): SupportRequest
  get(id: number): SupportRequest | undefined
}

/**
 * Requests in memory, numbered from 1.
 *
 * @example
 * ```ts
 * const requests = memoryRequests()
 * const request = requests.create({ topic: 'billing', description: 'Invoice 13 is wrong', authorId: 7 })
 * ```
 */
export function memoryRequests(): RequestStore {
  const requests: Map<number, SupportRequest> = new Map()
  return {
    create(request) {
      const created = { ...request, id: requests.size + 1 }
      requests.set(created.id, created)
      return created
    },
    get: (id) => requests.get(id),
  }
}

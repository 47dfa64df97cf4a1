import * as v from 'valibot'
import { wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONAPPUPDATE`. */
export interface OnAppUpdateData {
  /** The version now installed. */
  VERSION: string
  /** The version it replaced. */
  PREVIOUS_VERSION?: string
  /** The portal's language, such as `'en'`. */
  LANGUAGE_ID?: string
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnAppUpdateData> = v.looseObject({
  VERSION: wireString,
  PREVIOUS_VERSION: v.exactOptional(wireString),
  LANGUAGE_ID: v.exactOptional(wireString),
})

/**
 * `ONAPPUPDATE`: a new version of the application was installed; carries the (possibly new) `application_token`.
 *
 * @example
 * ```ts
 * if (event.event === 'ONAPPUPDATE') console.info(`updated from ${event.data.PREVIOUS_VERSION ?? '?'} to ${event.data.VERSION}`)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/common/events/on-app-update.html
 */
export const onAppUpdate = defineEvent({
  event: 'ONAPPUPDATE',
  generation: 'app',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/common/events/on-app-update.html',
  data: dataSchema,
})

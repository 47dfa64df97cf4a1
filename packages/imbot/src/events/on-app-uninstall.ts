import * as v from 'valibot'
import { wireBoolean, wireString } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONAPPUNINSTALL`. */
export interface OnAppUninstallData {
  /** The portal's language, such as `'en'`. */
  LANGUAGE_ID?: string
  /** Whether the user chose to delete the application's data (`1`/`0` on the wire). */
  CLEAN: boolean
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnAppUninstallData> = v.looseObject({
  LANGUAGE_ID: v.exactOptional(wireString),
  CLEAN: v.optional(wireBoolean, '0'),
})

/**
 * `ONAPPUNINSTALL`: the application was uninstalled. No usable tokens: `auth.application_token` is the only proof of origin.
 *
 * @example
 * ```ts
 * // Your own storage of installs:
 * declare const store: { purge(memberId: string | undefined): Promise<void> }
 *
 * if (event.event === 'ONAPPUNINSTALL' && event.data.CLEAN) await store.purge(event.auth?.member_id)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/common/events/on-app-uninstall.html
 */
export const onAppUninstall = defineEvent({
  event: 'ONAPPUNINSTALL',
  generation: 'app',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/common/events/on-app-uninstall.html',
  data: dataSchema,
})

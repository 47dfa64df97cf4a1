import * as v from 'valibot'
import { wireString, wireYesNo } from '../event-schemas/wire.ts'
import { defineEvent } from '../event-table.ts'

/** `data` of `ONAPPINSTALL`. */
export interface OnAppInstallData {
  /** The installed version of the application. */
  VERSION: string
  /** Whether the application is active. */
  ACTIVE?: 'Y' | 'N'
  /** `Y` when ready, `N` when not fully installed. */
  INSTALLED?: 'Y' | 'N'
  /** The portal's language, such as `'en'`. */
  LANGUAGE_ID?: string
  [key: string]: unknown
}

const dataSchema: v.GenericSchema<unknown, OnAppInstallData> = v.looseObject({
  VERSION: wireString,
  ACTIVE: v.exactOptional(wireYesNo),
  INSTALLED: v.exactOptional(wireYesNo),
  LANGUAGE_ID: v.exactOptional(wireString),
})

/**
 * `ONAPPINSTALL`: the application was installed. Store `auth.application_token` (it authenticates every later event) and the tokens; bots are usually registered here.
 *
 * @example
 * ```ts
 * // Your own storage of installs:
 * declare const store: { saveInstall(memberId: string | undefined, applicationToken: string | undefined): Promise<void> }
 *
 * if (event.event === 'ONAPPINSTALL') await store.saveInstall(event.auth?.member_id, event.auth?.application_token)
 * ```
 * @see https://apidocs.bitrix24.com/api-reference/common/events/on-app-install.html
 */
export const onAppInstall = defineEvent({
  event: 'ONAPPINSTALL',
  generation: 'app',
  deliveries: ['webhook'],
  docs: 'https://apidocs.bitrix24.com/api-reference/common/events/on-app-install.html',
  data: dataSchema,
})

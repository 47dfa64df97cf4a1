import { RestError } from '../rest/rest-error.ts'
import { GLOBAL_SCOPE, type MethodImplementation } from './method.ts'

/**
 * `app.info`: the calling app as the portal knows it (`CRestProvider::appInfo`, in the global scope).
 * Only an app's token has an app context; a webhook call gets 403 `ACCESS_DENIED` (an
 * `AccessException`, server-behavior §1.6). The plan fields describe a fixed Project plan in English.
 * Fields per https://apidocs.bitrix24.com/api-reference/common/system/app-info.html
 */
const appInfo: MethodImplementation = {
  scope: GLOBAL_SCOPE,
  handle({ portal, auth }) {
    const app = auth.type === 'oauth' ? portal.apps.find((candidate) => candidate.clientId === auth.clientId) : undefined
    if (!app) throw new RestError('ACCESS_DENIED', 'Access denied! Application context required', 403)
    return {
      ID: app.id,
      CODE: app.clientId,
      VERSION: app.version,
      STATUS: app.status,
      INSTALLED: true,
      PAYMENT_EXPIRED: 'N',
      DAYS: null,
      LANGUAGE_ID: 'en',
      LICENSE: 'en_project',
      LICENSE_TYPE: 'project',
      LICENSE_FAMILY: 'project',
    }
  },
}

/** `app.*`, keyed by lower-cased method name. */
export const appMethods: Readonly<Record<string, MethodImplementation>> = {
  'app.info': appInfo,
}

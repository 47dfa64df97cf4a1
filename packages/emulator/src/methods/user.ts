import { GLOBAL_SCOPE, type MethodImplementation } from './method.ts'

/**
 * `user.admin`: whether the calling user administers the portal (`CRestUtil::isAdmin`), `true` or
 * `false`, for any app or webhook, whatever its scopes. What an app asks to know that an install was made by an administrator.
 */
const userAdmin: MethodImplementation = {
  scope: GLOBAL_SCOPE,
  handle: ({ portal, userId }) => portal.users.get(userId)?.admin === true,
}

/** `user.*`, keyed by lower-cased method name. */
export const userMethods: Readonly<Record<string, MethodImplementation>> = {
  'user.admin': userAdmin,
}

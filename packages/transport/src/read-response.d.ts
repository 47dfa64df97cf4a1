import { type SuccessEnvelope } from '@b24bot/core';
import type { Redactor } from './redactor.ts';
/**
 * Turns a response into the success envelope, or throws what it is instead:
 * - an error envelope, whatever the status (the portal answers some errors with 200): `ApiError`;
 * - any other non-2xx: `HttpError`;
 * - a 2xx that is not a success envelope: `ResponseShapeError`.
 */
export declare function readResponse(method: string, status: number, ok: boolean, body: string, redactor: Redactor): SuccessEnvelope;
//# sourceMappingURL=read-response.d.ts.map
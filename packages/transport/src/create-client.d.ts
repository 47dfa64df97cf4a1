import { type CallArgs, type CallOptions, type Caller, type MethodDescriptor, type MethodResult } from '@b24bot/core';
import { type BodyEncoding } from './encode-body.ts';
/** What {@link createClient} takes. */
export interface ClientOptions {
    /** The incoming webhook: `https://{portal}/rest/{userId}/{secret}/`. It is a credential and is never logged. */
    readonly webhookUrl: string | URL;
    /** Time limit per call in milliseconds, or `false` for none. Default 60 000 (a cloud portal cuts calls at 60 s). */
    readonly timeout?: number | false;
    /** How params are sent: `'json'` (default, keeps native types) or `'form'` (PHP-style brackets, all strings). */
    readonly encoding?: BodyEncoding;
    /** The `fetch` to use. Default: the global one. */
    readonly fetch?: typeof globalThis.fetch;
    /** Extra headers on every request. */
    readonly headers?: Readonly<Record<string, string>>;
}
/** Params of a raw call: any object. */
export type RawParams = Readonly<Record<string, unknown>>;
/**
 * A Bitrix24 REST client. Calls by descriptor are validated and typed; calls by name are the raw
 * escape hatch for any method.
 */
export interface Client extends Caller {
    /**
     * Calls a described method: validates params (a `ValidationError` and no request when they are
     * wrong), sends them, and parses the result into the method's documented type.
     *
     * @example
     * ```ts
     * const chatId = await client.call(methods['imbot.chat.get'], { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
     * ```
     */
    call<D extends MethodDescriptor>(descriptor: D, ...args: CallArgs<D>): Promise<MethodResult<D>>;
    /**
     * Calls any method by name, unvalidated, and resolves to its raw `result`.
     *
     * @example
     * ```ts
     * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
     * ```
     */
    call(method: string, params?: RawParams, options?: CallOptions): Promise<unknown>;
    /**
     * A new client with some options replaced. This client is not changed.
     *
     * @example
     * ```ts
     * const patient = client.extend({ timeout: 120_000 })
     * ```
     */
    extend(options: Partial<ClientOptions>): Client;
}
/**
 * Creates a client for one portal.
 *
 * @example
 * ```ts
 * import { createClient } from '@b24bot/transport'
 *
 * const client = createClient({ webhookUrl: process.env.B24_WEBHOOK_URL! })
 * const result = await client.call('imbot.chat.get', { ENTITY_TYPE: 'OPEN', ENTITY_ID: 13 })
 * ```
 */
export declare function createClient(options: ClientOptions): Client;
//# sourceMappingURL=create-client.d.ts.map
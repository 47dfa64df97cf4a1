import type { MethodDescriptor } from '@b24bot/core'
import { createClient, type Client } from '@b24bot/transport'
import ky from 'ky'
import * as v from 'valibot'
import dialogExample from '@b24bot/spec-fixtures/examples/imbot.dialog.get.json' with { type: 'json' }

/** An event handler URL the portal accepts (public, `https://`). */
export const HANDLER = 'https://bot.example.com/events'

/** The bot an `imbot.v2.*` call acts as: `botId` and its `botToken`. */
export const bot = { botId: 456, botToken: 'my_bot_token' }

/** A chat app `HASH`: 32 hex digits, as `imbot.app.register` and `imbot.app.update` want it. */
export const hash = 'd1ab17949a572b0979d8db0d5b349cd2'

/** Runs `input` through the descriptor's params schema. */
export const paramsOf = <D extends MethodDescriptor>(descriptor: D, input: unknown): v.SafeParseResult<D['params']> =>
  v.safeParse(descriptor.params, input)

/** Runs a raw `result` through the descriptor's result schema. */
export const resultOf = <D extends MethodDescriptor>(descriptor: D, raw: unknown): v.SafeParseResult<D['result']> =>
  v.safeParse(descriptor.result, raw)

/** The dotted paths of the issues the params schema finds in `input` (`[]` when it passes). */
export const pathsOf = (descriptor: MethodDescriptor, input: unknown): (string | null)[] =>
  paramsOf(descriptor, input).issues?.map((issue) => v.getDotPath(issue)) ?? []

/** A real client whose portal answers every call with `result`, and the bodies of the requests it received. */
export function recordingClient(result: unknown): { client: Client; bodies: unknown[] } {
  const bodies: unknown[] = []
  const fetch: typeof globalThis.fetch = async (input, init) => {
    bodies.push(await new Request(input, init).json())
    return new Response(JSON.stringify({ result, time: dialogExample.response.time }), { headers: { 'content-type': 'application/json' } })
  }
  return { client: createClient({ webhookUrl: 'https://portal.example/rest/1/secret/', ky: ky.create({ fetch }) }), bodies }
}

/** Sends `params` through a real client whose portal answers `result`; returns the body sent and the resolved value. */
export async function roundTrip(
  descriptor: MethodDescriptor,
  params: unknown,
  result: unknown,
): Promise<{ sent: unknown; resolved: unknown }> {
  const { client, bodies } = recordingClient(result)
  const resolved = await client.call(descriptor, params as never)
  return { sent: bodies[0], resolved }
}

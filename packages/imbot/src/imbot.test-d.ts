import type { CallOptions, CallWrap, Params } from '@b24bot/core'
import { describe, expectTypeOf, it } from 'vitest'
import type { ImbotApi } from './generated/imbot-api.ts'
import type { Binding, BindingPath } from './bindings.ts'
import type { Methods } from './methods.ts'
import { botIdentity, imbot, methods, withIdentity, type BotIdentity, type MethodParams, type MethodResult } from './index.ts'

declare const api: ImbotApi

describe('api.chat.get types', () => {
  it('takes the documented params and resolves to number | null', () => {
    expectTypeOf(api.chat.get)
      .parameter(0)
      .toEqualTypeOf<{ ENTITY_TYPE: string; ENTITY_ID: string | number; BOT_ID?: number | undefined }>()
    expectTypeOf(api.chat.get).parameter(1).toEqualTypeOf<CallOptions | undefined>()
    expectTypeOf(api.chat.get).returns.resolves.toEqualTypeOf<number | null>()
    expectTypeOf<MethodResult<Methods['imbot.chat.get']>>().toEqualTypeOf<number | null>()
    expectTypeOf<MethodParams<Methods['imbot.chat.get']>>().toHaveProperty('ENTITY_TYPE').toEqualTypeOf<string>()
  })

  it('refuses calls that miss or misspell a param', () => {
    // @ts-expect-error ENTITY_TYPE is required
    void api.chat.get({ ENTITY_ID: 13 })
    // @ts-expect-error ENTITY_ID is required
    void api.chat.get({ ENTITY_TYPE: 'OPEN' })
    // @ts-expect-error params are required
    void api.chat.get()
    // @ts-expect-error BOT_ID is a number
    void api.chat.get({ ENTITY_TYPE: 'OPEN', ENTITY_ID: 13, BOT_ID: '39' })
    // @ts-expect-error unknown params are refused
    void api.chat.get({ ENTITY_TYPE: 'OPEN', ENTITY_ID: 13, ENTITY_TYP: 'x' })
  })

  it('keeps the descriptor name literal', () => {
    expectTypeOf(methods['imbot.chat.get'].method).toEqualTypeOf<'imbot.chat.get'>()
    expectTypeOf(imbot).returns.toEqualTypeOf<ImbotApi>()
  })
})

/** The value at a dotted path of a type. */
type Lookup<T, Path extends string> = Path extends `${infer Head}.${infer Rest}`
  ? Head extends keyof T
    ? Lookup<T[Head], Rest>
    : never
  : Path extends keyof T
    ? T[Path]
    : never

/** Every dotted path to a function in a type. */
type LeafPaths<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends (...args: never[]) => unknown ? `${Prefix}${K}` : LeafPaths<T[K], `${Prefix}${K}.`>
}[keyof T & string]

describe('ImbotApi and the methods table agree', () => {
  it('every method has its binding at its path, with the binding type its descriptor gives', () => {
    type Conformance = { [M in keyof Methods]: Lookup<ImbotApi, BindingPath<M>> }
    type Expected = { [M in keyof Methods]: Binding<Methods[M]> }
    expectTypeOf<Conformance>().toEqualTypeOf<Expected>()
  })

  it('ImbotApi has no binding the table lacks', () => {
    expectTypeOf<LeafPaths<ImbotApi>>().toEqualTypeOf<BindingPath<keyof Methods>>()
  })
})

describe('botIdentity', () => {
  it('is a wrap for a client, from a BotIdentity', () => {
    expectTypeOf(botIdentity({ clientId: 'echo', botToken: 't' })).toEqualTypeOf<CallWrap>()
    expectTypeOf<BotIdentity>().toEqualTypeOf<{ readonly clientId?: string | undefined; readonly botToken?: string | undefined }>()
    expectTypeOf(withIdentity).returns.toEqualTypeOf<Params>()
    // @ts-expect-error an identity has no other fields
    botIdentity({ clientSecret: 's' })
  })
})

// A local TypeDoc plugin (typedoc.config.mjs's `plugin`).
//
// 1. Names a package's module after the package: an entry point without a `@module` tag would otherwise be titled
//    by its path (`emulator/src`), not `@b24bot/emulator`.
//
// 2. Drops two kinds of warning, so that `treatWarningsAsErrors` keeps meaning "something to fix":
//
//    - "... does not have any documentation" for a member of an anonymous type (`imbotMessageAdd.__type.ATTACH`):
//      the types TypeDoc derives from valibot schemas (a descriptor's params and result, a schema constant) nest
//      thousands of wire fields. Where a schema entry has a JSDoc comment it is shown; the field-by-field truth is
//      the Bitrix24 page each descriptor links with `@see`. Exports and the members of named interfaces and
//      classes still fail the build when undocumented.
//
//    - "... has multiple declarations with a comment" when every location it lists is the same one: a property of
//      a type derived from a valibot schema (`v.InferOutput<typeof schema>`, whose object types are intersections
//      of mapped types) carries the same declaration twice (TypeStrong/typedoc#2358, #2437). The warning is held
//      until TypeDoc's next message, the list of locations, and dropped only when they are all one: comments that
//      really disagree still fail the build.

import { Converter, ReflectionKind } from 'typedoc'

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_CREATE_DECLARATION, (_context, reflection) => {
    const path = /^([a-z-]+)\/src$/.exec(reflection.name)
    if (reflection.kindOf(ReflectionKind.Module) && path) reflection.name = `@b24bot/${path[1]}`
  })

  const logger = app.logger
  const validationWarning = logger.validationWarning.bind(logger)
  logger.validationWarning = (message, ...rest) => {
    if (/^\S*\.__type\.\S* \(\w+\), defined in .* does not have any documentation/.test(String(message))) return
    validationWarning(message, ...rest)
  }
  const warn = logger.warn.bind(logger)
  const info = logger.info.bind(logger)
  let held
  const flush = () => {
    const message = held
    held = undefined
    if (message !== undefined) warn(...message)
  }
  logger.warn = (message, ...rest) => {
    flush()
    if (/ has multiple declarations with a comment/.test(String(message))) held = [message, ...rest]
    else warn(message, ...rest)
  }
  logger.info = (message, ...rest) => {
    if (held !== undefined) {
      const locations = String(message)
        .split('\n')
        .slice(1)
        .map((line) => line.trim())
      const same = locations.length > 1 && locations.every((location) => location === locations[0])
      if (same) {
        held = undefined
        return
      }
      flush()
    }
    info(message, ...rest)
  }
  for (const method of ['error', 'verbose', 'log']) {
    const original = logger[method].bind(logger)
    logger[method] = (...args) => {
      flush()
      return original(...args)
    }
  }
}

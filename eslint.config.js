// @ts-check
import js from '@eslint/js'
import { createNodeResolver, importX } from 'eslint-plugin-import-x'
import tseslint from 'typescript-eslint'

/** Import bans that keep the layers one-way: apps -> imbot -> transport -> core; the emulator uses core only. */
const layer = (files, patterns) => ({
  files,
  ignores: ['**/*.test.ts', '**/*.test-d.ts'],
  rules: { 'no-restricted-imports': ['error', { patterns }] },
})

export default tseslint.config(
  { ignores: ['**/dist/**', '**/.tsbuild/**', '**/node_modules/**', '**/.turbo/**', '**/coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      // Annotations on the left, as isolatedDeclarations wants them.
      '@typescript-eslint/consistent-generic-constructors': ['error', 'type-annotation'],
      'no-restricted-syntax': ['error', { selector: 'ExportAllDeclaration', message: 'List exports by name.' }],
    },
  },
  {
    files: ['**/*.test.ts', '**/*.test-d.ts', 'test/**'],
    rules: {
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', name: ['test', 'it', 'describe'], package: 'vitest' }] },
      ],
    },
  },
  {
    // No import cycles inside a package (decision 042): a module imports only what sits below it. Type-only
    // imports are erased at run time and not counted; workspace packages are kept one-way by the layer bans below.
    files: ['packages/*/src/**/*.ts', 'apps/*/src/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/resolver-next': [createNodeResolver()],
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  { files: ['**/*.js', '**/*.mjs', '**/*.config.ts', '*.ts'], ...tseslint.configs.disableTypeChecked },
  layer(
    ['packages/core/src/**'],
    [{ group: ['node:*', 'ky', '@b24bot/*'], message: 'core is pure: no I/O, no HTTP library, no other package.' }],
  ),
  layer(
    ['packages/transport/src/**'],
    [{ group: ['@b24bot/imbot', '@b24bot/bot', '@b24bot/emulator'], message: 'transport knows no bot concepts.' }],
  ),
  {
    // The transport knows no method but `batch`, and no bot param: which methods need what is imbot's (a wrap, or descriptor data).
    files: ['packages/transport/src/**'],
    ignores: ['**/*.test.ts', '**/*.test-d.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportAllDeclaration', message: 'List exports by name.' },
        ...['Literal[value', 'TemplateElement[value.raw'].flatMap((node) => [
          {
            selector: `${node}=/^[a-z][a-z0-9_]*(\\.[A-Za-z0-9_]+)+$/]`,
            message: 'The transport names no Bitrix24 method (only `batch`): methods are described in @b24bot/imbot.',
          },
          {
            selector: `${node}=/\\bimbot\\b|\\bim\\.v2\\b|\\bbotToken\\b|\\bCLIENT_ID\\b/]`,
            message: 'The transport knows no bot concepts: bot methods and params belong in @b24bot/imbot.',
          },
        ]),
        {
          selector: 'Property > Identifier.key[name=/^(botToken|CLIENT_ID)$/]',
          message: 'The transport knows no bot params: they belong in @b24bot/imbot.',
        },
      ],
    },
  },
  layer(
    ['packages/imbot/src/**'],
    [{ group: ['node:*', 'ky', '@b24bot/emulator', '@b24bot/bot'], message: 'imbot is data and bindings: no HTTP detail.' }],
  ),
  layer(
    ['packages/emulator/src/**'],
    [
      {
        group: ['@b24bot/transport', '@b24bot/imbot', '@b24bot/bot', 'ky'],
        message: 'the emulator behaves like the server, not like our SDK.',
      },
    ],
  ),
  layer(
    ['packages/bot/src/**'],
    [{ group: ['@b24bot/emulator'], message: 'a bot talks to portals through the transport; the emulator is for its tests.' }],
  ),
  layer(
    ['packages/redis/src/**'],
    [
      {
        group: ['@b24bot/emulator', '@b24bot/imbot'],
        message: 'the Redis stores back the transport and bot interfaces; they call no portal.',
      },
    ],
  ),
  {
    // @b24bot/bot is an optional peer of @b24bot/redis: its types only, so the limiter and token stores load without it.
    files: ['packages/redis/src/**'],
    ignores: ['**/*.test.ts', '**/*.test-d.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: '@b24bot/bot',
              allowTypeImports: true,
              message: '@b24bot/bot is an optional peer of @b24bot/redis: import its types only.',
            },
          ],
        },
      ],
    },
  },
)

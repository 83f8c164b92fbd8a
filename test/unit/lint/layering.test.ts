import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import { NO_TEST_IDLE, NO_TEST_KDF, TEST_IDLE_ALLOWED, TEST_KDF_ALLOWED } from '../../../eslint.config.js';
import layering from '../../../.eslint/layering';

const repoRoot = fileURLToPath(new URL('../../..', import.meta.url));

// Only the layering rule, with a parser that needs no TS project: the files below are virtual
// paths inside the repository, so the rule is proven on its own, whatever else exists on disk.
const layeringOnly = new ESLint({
  cwd: repoRoot,
  ignore: false,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.{ts,tsx,js,mjs}'],
      languageOptions: { parser: tseslint.parser },
      plugins: { local: { rules: { layering } } },
      rules: { 'local/layering': 'error' },
    },
  ],
});

async function layeringErrors(filePath: string, code: string): Promise<string[]> {
  const [result] = await layeringOnly.lintText(code, { filePath });
  if (!result) throw new Error(`no lint result for ${filePath}`);
  const fatal = result.messages.filter((m) => m.fatal);
  expect(fatal, 'the snippet must parse').toEqual([]);
  return result.messages.map((m) => m.message);
}

describe('layering rule: imports that cross the wrong line fail', () => {
  it('renderer → main/store, with a message that names the rule broken and what is allowed', async () => {
    const errors = await layeringErrors(
      'renderer/bad.tsx',
      "import { openStore } from '../main/store/openStore';\nexport const s = openStore;\n",
    );
    expect(errors).toEqual([
      'renderer/ may not import main/store/openStore: renderer may import contract/ and UI libraries ' +
        '(react, react-dom, @tanstack/*, recharts) only (ARCHITECTURE.md §2)',
    ]);
  });

  it.each([
    ['contract → node:fs', 'contract/bad.ts', "import { readFileSync } from 'node:fs';", 'contract/ may not import node:fs'],
    ['contract → bare Node built-in', 'contract/bad.ts', "import path from 'path';", 'contract/ may not import path (a Node built-in)'],
    ['contract → electron', 'contract/bad.ts', "import { app } from 'electron';", 'contract/ may not import electron'],
    ['contract → main/', 'contract/bad.ts', "import type { Backend } from '../main/api/types';", 'contract/ may not import main/api/types'],
    ['contract → a package other than zod', 'contract/bad.ts', "import React from 'react';", 'contract/ may not import react'],
    ['preload → main/api', 'preload/bad.ts', "import { createBackend } from '../main/api/createBackend';", 'preload/ may not import main/api/createBackend'],
    ['preload → Node built-in', 'preload/bad.ts', "import fs from 'node:fs';", 'preload/ may not import node:fs'],
    ['preload → renderer', 'preload/bad.ts', "import { App } from '../renderer/App';", 'preload/ may not import renderer/App'],
    ['main/web → a domain internal', 'main/web/bad.ts', "import { listIncidents } from '../incidents/listIncidents';", 'main/web/ may not import main/incidents/listIncidents'],
    ['main/web → a domain index', 'main/web/bad.ts', "import { incidents } from '../incidents';", 'main/web/ may not import main/incidents'],
    ['main/web → main/store', 'main/web/bad.ts', "import { openStore } from '../store/openStore';", 'main/web/ may not import main/store/openStore'],
    ['main/web → electron', 'main/web/bad.ts', "import { app } from 'electron';", 'main/web/ may not import electron'],
    ['main/cli → main/app (Electron)', 'main/cli/bad.ts', "import { createWindow } from '../app/createWindow';", 'main/cli/ may not import main/app/createWindow'],
    ['domain → another domain internal', 'main/incidents/bad.ts', "import { appendEvent } from '../timeline/appendEvent';", 'main/incidents/ may not import main/timeline/appendEvent: another domain is reached through its index only'],
    ['domain → main/api', 'main/incidents/bad.ts', "import type { Backend } from '../api/types';", 'main/incidents/ may not import main/api/types'],
    ['domain → electron', 'main/incidents/bad.ts', "import { safeStorage } from 'electron';", 'main/incidents/ may not import electron'],
    ['main/store → a domain', 'main/store/bad.ts', "import { listIncidents } from '../incidents';", 'main/store/ may not import main/incidents'],
    ['main/store → electron', 'main/store/bad.ts', "import { app } from 'electron';", 'main/store/ may not import electron'],
    ['main/api → a domain internal', 'main/api/bad.ts', "import { listIncidents } from '../incidents/listIncidents';", 'main/api/ may not import main/incidents/listIncidents: a domain is reached through its index only'],
    ['main/api → main/web', 'main/api/bad.ts', "import { serve } from '../web/serve';", 'main/api/ may not import main/web/serve'],
    ['main/api → electron', 'main/api/bad.ts', "import { ipcMain } from 'electron';", 'main/api/ may not import electron'],
    ['renderer → preload', 'renderer/bad.ts', "import '../preload/index';", 'renderer/ may not import preload/index'],
    ['renderer → electron', 'renderer/bad.ts', "import { ipcRenderer } from 'electron';", 'renderer/ may not import electron'],
    ['renderer → node:*', 'renderer/bad.ts', "import { createHash } from 'node:crypto';", 'renderer/ may not import node:crypto'],
    ['renderer → a non-UI package', 'renderer/bad.ts', "import Database from 'better-sqlite3-multiple-ciphers';", 'renderer/ may not import better-sqlite3-multiple-ciphers'],
    ['a relative import leaving the layers', 'main/web/bad.ts', "import pkg from '../../package.json';", 'main/web/ may not import package.json'],
  ])('%s', async (_name, filePath, code, expected) => {
    const errors = await layeringErrors(filePath, code);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(expected);
    expect(errors[0]).toMatch(/\(ARCHITECTURE\.md §2\)$/);
  });

  it('sees every kind of import: export-from, export *, dynamic import, require, import type, import()-types', async () => {
    const errors = await layeringErrors(
      'renderer/bad.ts',
      [
        "export { a } from '../main/store/a';",
        "export * from '../main/store/b';",
        "export const c = () => import('../main/store/c');",
        "export const d: unknown = require('../main/store/d');",
        "import type { E } from '../main/store/e';",
        "export type F = typeof import('../main/store/f');",
        "import g = require('../main/store/g');",
        'export const dynamic = (name: string) => import(name);',
        'export type Used = E | typeof g;',
      ].join('\n'),
    );
    expect(errors.map((e) => /may not import (\S+):/.exec(e)?.[1])).toEqual([
      'main/store/a',
      'main/store/b',
      'main/store/c',
      'main/store/d',
      'main/store/e',
      'main/store/f',
      'main/store/g',
    ]);
  });
});

describe('layering rule: imports along the allowed lines pass', () => {
  it.each([
    ['renderer → contract', 'renderer/App.tsx', "import type { Incident } from '../contract';\nimport { createClient } from '../contract/client';"],
    ['renderer → React and UI libraries', 'renderer/App.tsx', "import { useState } from 'react';\nimport { jsx } from 'react/jsx-runtime';\nimport { createRoot } from 'react-dom/client';\nimport { useReactTable } from '@tanstack/react-table';\nimport { LineChart } from 'recharts';"],
    ['renderer → itself', 'renderer/pages/Incidents.tsx', "import { Table } from '../components/Table';"],
    ['renderer/vite.config.ts runs in Node at build time', 'renderer/vite.config.ts', "import { defineConfig } from 'vite';\nimport path from 'node:path';"],
    ['contract → contract and zod', 'contract/api.ts', "import { z } from 'zod';\nimport { ROLES } from './roles';"],
    ['main/api → a domain index', 'main/api/createBackend.ts', "import { incidents } from '../incidents';\nimport { timeline } from '../timeline/index';\nimport type { Result } from '../../contract';"],
    ['main/app → electron and main/api', 'main/app/main.ts', "import { app, BrowserWindow } from 'electron';\nimport { createBackend } from '../api/createBackend';\nimport path from 'node:path';"],
    ['main/cli → main/web (firebreak serve) and main/api', 'main/cli/serve.ts', "import { startWebHost } from '../web/startWebHost';\nimport type { Backend } from '../api/types';"],
    ['domain → contract, main/store, itself, another domain index', 'main/incidents/createIncident.ts', "import { openStore } from '../store/openStore';\nimport { appendEvent } from '../timeline';\nimport { nextReference } from './nextReference';\nimport type { Incident } from '../../contract';\nimport { randomUUID } from 'node:crypto';"],
    ['main/store → contract, itself, packages', 'main/store/openStore.ts', "import Database from 'better-sqlite3-multiple-ciphers';\nimport { migrations } from './migrations';\nimport type { ErrorCode } from '../../contract';"],
    ['preload → contract and electron', 'preload/index.ts', "import { contextBridge, ipcRenderer } from 'electron';\nimport { METHODS } from '../contract';"],
    ['files outside the layers (tests, scripts) are not judged', 'test/unit/store/openStore.test.ts', "import { openStore } from '../../../main/store/openStore';\nimport { app } from 'electron';"],
  ])('%s', async (_name, filePath, code) => {
    expect(await layeringErrors(filePath, code)).toEqual([]);
  });
});

describe('the real eslint.config.js', () => {
  // The whole config, type-aware rules included, on real files in test/fixtures/lint (a tree that
  // mirrors the repository and is ignored by `npm run lint`).
  const real = new ESLint({
    cwd: repoRoot,
    ignore: false,
    overrideConfigFile: path.join(repoRoot, 'eslint.config.js'),
  });

  it('reports the layering error in a fixture where the renderer imports the store', async () => {
    const [result] = await real.lintFiles(['test/fixtures/lint/renderer/showStorePath.ts']);
    expect(result?.messages.map((m) => ({ rule: m.ruleId, line: m.line, message: m.message }))).toEqual([
      {
        rule: 'local/layering',
        line: 2,
        message:
          'renderer/ may not import main/store/openStore: renderer may import contract/ and UI libraries ' +
          '(react, react-dom, @tanstack/*, recharts) only (ARCHITECTURE.md §2)',
      },
    ]);
  });

  it('bans the plaintext copies of an SQLCipher database: db.backup() and an unkeyed VACUUM copy', async () => {
    const [result] = await real.lintFiles(['test/fixtures/lint/main/store/snapshotPlaintext.ts']);
    expect(result?.messages.map((m) => [m.ruleId, m.line])).toEqual([
      ['no-restricted-syntax', 8],
      ['no-restricted-syntax', 9],
    ]);
  });

  it('makes inline eslint-disable comments ineffective, so lint cannot be silenced', async () => {
    const code = '// eslint-disable-next-line no-unused-vars\nconst unused = 1;\n';
    const [result] = await real.lintText(code, { filePath: 'scripts/silenced.mjs' });
    expect(result?.messages.map((m) => m.ruleId)).toContain('no-unused-vars');
  });

  it('passes the fixture store file, which imports nothing across a line', async () => {
    const [result] = await real.lintFiles(['test/fixtures/lint/main/store/openStore.ts']);
    expect(result?.messages).toEqual([]);
  });
});

describe('the test-only KDF cost cannot be set by production code', () => {
  const real = new ESLint({ cwd: repoRoot });

  it('is refused in main/ outside the three files that declare, consume and hand it on', async () => {
    const rules = async (file: string) => ((await real.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> }).rules['no-restricted-syntax'] ?? [];
    for (const file of ['main/app/main.ts', 'main/web/startWebHost.ts', 'main/cli/commands/serve.ts', 'main/vault/Vault.ts', 'main/backups/snapshotDatabase.ts']) {
      expect(await rules(file), file).toContainEqual(NO_TEST_KDF);
    }
    for (const file of TEST_KDF_ALLOWED) expect(await rules(file), file).not.toContainEqual(NO_TEST_KDF);
    expect(await rules('test/helpers/testVault.ts')).not.toContainEqual(NO_TEST_KDF);
  });

  it('flags the option wherever it is named', async () => {
    const selectorOnly = new ESLint({
      cwd: repoRoot,
      ignore: false,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-restricted-syntax': ['error', NO_TEST_KDF] } }],
    });
    const [result] = await selectorOnly.lintText("createBackend({ dataDir, testOnlyKdfLogN: 10 });\nconst { testOnlyKdfLogN } = options;\n", { filePath: 'main/app/bad.ts' });
    expect([...new Set(result?.messages.map((m) => m.line))]).toEqual([1, 2]);
    expect(result?.messages[0]?.message).toMatch(/for tests only/);
  });
});

describe('the test-only idle timeout cannot be set by production code', () => {
  const real = new ESLint({ cwd: repoRoot });

  it('is refused in main/ outside main/cli/main.ts, which receives it from the tests\' CLI entry', async () => {
    const rules = async (file: string) => ((await real.calculateConfigForFile(file)) as { rules: Record<string, unknown[]> }).rules['no-restricted-syntax'] ?? [];
    expect(TEST_IDLE_ALLOWED).toEqual(['main/cli/main.ts']);
    for (const file of ['main/app/main.ts', 'main/web/startWebHost.ts', 'main/cli/commands/serve.ts', 'main/api/Sessions.ts', 'main/backups/snapshotDatabase.ts', 'main/api/types.ts', 'main/api/createBackend.ts']) {
      expect(await rules(file), file).toContainEqual(NO_TEST_IDLE);
    }
    expect(await rules('main/cli/main.ts')).not.toContainEqual(NO_TEST_IDLE);
    expect(await rules('test/helpers/cli/testCli.ts')).not.toContainEqual(NO_TEST_IDLE);
  });

  it('flags the option wherever it is named', async () => {
    const selectorOnly = new ESLint({
      cwd: repoRoot,
      ignore: false,
      overrideConfigFile: true,
      overrideConfig: [{ files: ['**/*.ts'], languageOptions: { parser: tseslint.parser }, rules: { 'no-restricted-syntax': ['error', NO_TEST_IDLE] } }],
    });
    const [result] = await selectorOnly.lintText("await main(argv, { testOnlyIdleTimeoutMs: 5_000 });\nconst { testOnlyIdleTimeoutMs } = options;\n", { filePath: 'main/app/bad.ts' });
    expect([...new Set(result?.messages.map((m) => m.line))]).toEqual([1, 2]);
    expect(result?.messages[0]?.message).toMatch(/for tests only/);
  });
});

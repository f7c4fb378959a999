/**
 * Reads a workspace's configuration: validates it and loads its custom rules from disk. A
 * custom rule module is JavaScript (CommonJS) or TypeScript (transpiled in memory with the
 * TypeScript this plugin uses); it exports a rule object, an array of them, or `{ rules }`.
 */
import { existsSync, readFileSync } from 'node:fs';
import Module from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { Rule } from '../rules/rule';
import { typescript } from '../typescript';
import { ConfigError, ResolvedConfig, resolveConfig } from './resolve';

export function loadConfig(options: unknown, workspaceRoot: string): ResolvedConfig {
  return resolveConfig(options, { loadRules: (file) => loadRuleModule(workspaceRoot, file) });
}

function loadRuleModule(workspaceRoot: string, file: string): readonly Rule[] {
  const key = `@mjomeet/plan options: customRules ("${file}")`;
  if (isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
    throw new ConfigError(`${key}: give the path relative to the workspace root, inside it.`);
  }
  const path = resolve(workspaceRoot, file);
  if (!existsSync(path)) {
    throw new ConfigError(
      `${key}: there is no file ${join(file)}; check the path (relative to the workspace root).`,
    );
  }
  let exported: unknown;
  try {
    exported = /\.[cm]?tsx?$/.test(path)
      ? requireTypeScript(path)
      : // eslint-disable-next-line @typescript-eslint/no-require-imports -- a workspace's rule module, named in its configuration
        require(path);
  } catch (error) {
    throw new ConfigError(
      `${key}: the module cannot be loaded: ${String((error as Error)?.message ?? error).split('\n')[0]}`,
    );
  }
  const value = (exported as { default?: unknown })?.default ?? exported;
  const rules = Array.isArray(value)
    ? value
    : Array.isArray((value as { rules?: unknown })?.rules)
      ? (value as { rules: unknown[] }).rules
      : [value];
  return rules as Rule[];
}

/** A TypeScript module, transpiled to CommonJS in memory and loaded like a required one. */
function requireTypeScript(path: string): unknown {
  const ts = typescript();
  const { outputText } = ts.transpileModule(readFileSync(path, 'utf-8'), {
    compilerOptions: {
      module: ts.ModuleKind.CommonJS,
      target: ts.ScriptTarget.ES2022,
      esModuleInterop: true,
    },
    fileName: path,
  });
  const loaded = new Module(path, module) as Module & {
    _compile(code: string, file: string): void;
  };
  loaded.filename = path;
  loaded.paths = (
    Module as unknown as { _nodeModulePaths(dir: string): string[] }
  )._nodeModulePaths(resolve(path, '..'));
  loaded._compile(outputText, path);
  return loaded.exports;
}

/**
 * The checked-in lists of reserved-identifiers.ts, derived from their sources with TypeScript's
 * API (which the generator itself must not need): the kernel's exports and AggregateRoot's
 * members, the globals of TypeScript's lib files for the generated tsconfig, and the names the
 * generated code uses where it holds the aggregate in a variable. Then every one of those names
 * is given to the generator wherever a template would derive it, and must be refused.
 */
import { Tree } from '@nx/devkit';
import { createTreeWithEmptyWorkspace } from '@nx/devkit/testing';
import { render } from 'ejs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as ts from 'typescript';
import { featureGenerator } from '../generator';
import type { FeatureGeneratorSchema } from '../schema';
import { derivedIdentifiers, IdentifierRole } from './derived-identifiers';
import { nameSources } from './name-sources';
import { toNames, UserInputError } from './names';
import { normalizeOptions } from './normalize-options';
import {
  AGGREGATE_ROOT_MEMBERS,
  KERNEL_EXPORTS,
  TEMPLATE_LOCALS,
  TYPESCRIPT_GLOBALS,
} from './reserved-identifiers';
import { FILES_DIR } from './templates';

// Nx's jest set-up, which the module project's creation composes, reads the project graph to
// register its plugin; a unit test has no workspace on disk to compute one from.
jest.mock('@nx/devkit', () => ({
  ...jest.requireActual('@nx/devkit'),
  createProjectGraphAsync: jest.fn(async () => ({ nodes: {}, dependencies: {} })),
}));

const REPO = join(__dirname, '../../../../../..');
const KERNEL = join(REPO, 'packages/ddd/src/index.ts');

const sorted = (names: Iterable<string>) => [...new Set(names)].sort();

// ---------------------------------------------------------------------------------------------
// The kernel
// ---------------------------------------------------------------------------------------------

function kernelExports(): { names: string[]; aggregateRootMembers: string[] } {
  const program = ts.createProgram([KERNEL], {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    types: [],
  });
  const checker = program.getTypeChecker();
  const module = checker.getSymbolAtLocation(program.getSourceFile(KERNEL)!)!;
  const exports = checker
    .getExportsOfModule(module)
    .map((symbol) =>
      symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol,
    );
  const aggregateRoot = exports.find((symbol) => symbol.name === 'AggregateRoot')!;
  return {
    names: exports.map((symbol) => symbol.name),
    aggregateRootMembers: checker
      .getDeclaredTypeOfSymbol(aggregateRoot)
      .getProperties()
      .map((member) => member.name),
  };
}

// ---------------------------------------------------------------------------------------------
// TypeScript's globals for the generated tsconfig
// ---------------------------------------------------------------------------------------------

/**
 * The `lib` a module project compiles with: its workspace's (Nx's library generator writes
 * none of its own). `es2022` is the `--preset=ts` workspace's; a workspace with more (`dom`)
 * has more globals, which a module's own declarations shadow, and the templates use none of.
 */
function generatedLibs(): string[] {
  return ['es2022'];
}

/** The top-level names of a lib file and of the lib files it references. */
function libGlobals(libs: readonly string[]): string[] {
  const directory = dirname(require.resolve('typescript/lib/lib.d.ts'));
  const seen = new Set<string>();
  const names: string[] = [];
  const visit = (lib: string) => {
    if (seen.has(lib)) return;
    seen.add(lib);
    const file = join(directory, `lib.${lib}.d.ts`);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf-8'), ts.ScriptTarget.Latest);
    for (const reference of source.libReferenceDirectives) visit(reference.fileName.toLowerCase());
    for (const statement of source.statements) {
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          names.push((declaration.name as ts.Identifier).text);
        }
      } else if (
        ts.isInterfaceDeclaration(statement) ||
        ts.isTypeAliasDeclaration(statement) ||
        ts.isFunctionDeclaration(statement) ||
        ts.isModuleDeclaration(statement) ||
        ts.isClassDeclaration(statement) ||
        ts.isEnumDeclaration(statement)
      ) {
        names.push((statement.name as ts.Identifier).text);
      }
    }
  };
  libs.forEach((lib) => visit(lib.toLowerCase()));
  return names;
}

// ---------------------------------------------------------------------------------------------
// What the templates derive: generated with a marker per option, then read back
// ---------------------------------------------------------------------------------------------

/** Each option gets a name found nowhere else, so that every identifier containing it is its. */
const MARKED: FeatureGeneratorSchema = {
  module: 'qzm',
  useCase: 'Qzu',
  aggregate: 'Qza',
  valueObjects: 'Qzv',
  events: 'Qze',
  scheduledCommands: 'Qzs',
};
const OPTION_OF_MARKER: Record<string, keyof FeatureGeneratorSchema> = {
  u: 'useCase',
  a: 'aggregate',
  v: 'valueObjects',
  e: 'events',
  s: 'scheduledCommands',
};
const MARKER = /(Qz|qz)([uaves])/;

/** An identifier the templates derive from one option's name: `{Class}Command` from Qzu. */
interface Pattern {
  readonly option: keyof FeatureGeneratorSchema;
  /** `{Class}Command`, `{property}`, `On{Class}Listener`. */
  readonly pattern: string;
  readonly identifier: string;
  readonly role: IdentifierRole;
}

const ROLE_STRENGTH: IdentifierRole[] = ['property', 'method', 'variable', 'declaration'];

/** The role an identifier's declaration gives it; `property` for a key or an access. */
function roleAt(node: ts.Identifier): IdentifierRole {
  const parent = node.parent;
  const declaration =
    ts.isClassDeclaration(parent) ||
    ts.isInterfaceDeclaration(parent) ||
    ts.isTypeAliasDeclaration(parent) ||
    ts.isFunctionDeclaration(parent);
  if (declaration && parent.name === node && ts.isSourceFile(parent.parent)) return 'declaration';
  if ((ts.isVariableDeclaration(parent) || ts.isParameter(parent)) && parent.name === node) {
    return 'variable';
  }
  if (ts.isMethodDeclaration(parent) && parent.name === node) return 'method';
  return 'property';
}

function forEachIdentifier(node: ts.Node, visit: (identifier: ts.Identifier) => void): void {
  if (ts.isIdentifier(node)) visit(node);
  ts.forEachChild(node, (child) => forEachIdentifier(child, visit));
}

interface Generated {
  readonly tree: Tree;
  readonly files: string[];
  readonly patterns: Pattern[];
}

async function generateMarked(): Promise<Generated> {
  const tree = createTreeWithEmptyWorkspace();
  await featureGenerator(tree, { ...MARKED, skipFormat: true });
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const child of tree.children(dir)) {
      const path = `${dir}/${child}`;
      if (tree.isFile(path)) {
        if (path.endsWith('.ts')) files.push(path);
      } else walk(path);
    }
  };
  walk('packages/qzm/src');

  const patterns = new Map<string, Pattern>();
  for (const file of files) {
    const source = ts.createSourceFile(
      file,
      tree.read(file, 'utf-8')!,
      ts.ScriptTarget.Latest,
      true,
    );
    forEachIdentifier(source, (node) => {
      const marker = MARKER.exec(node.text);
      if (!marker) return;
      const role = roleAt(node);
      const known = patterns.get(node.text);
      if (known && ROLE_STRENGTH.indexOf(known.role) >= ROLE_STRENGTH.indexOf(role)) return;
      patterns.set(node.text, {
        option: OPTION_OF_MARKER[marker[2]],
        pattern: node.text.replace(marker[0], marker[1] === 'Qz' ? '{Class}' : '{property}'),
        identifier: node.text,
        role,
      });
    });
  }
  return { tree, files, patterns: [...patterns.values()] };
}

/** The name to give an option so that `pattern` yields `identifier`; undefined if none can. */
function nameYielding(pattern: string, identifier: string): string | undefined {
  const [before, after] = pattern.split(/\{Class\}|\{property\}/);
  if (!identifier.startsWith(before) || !identifier.endsWith(after)) return undefined;
  const name = identifier.slice(before.length, identifier.length - after.length);
  if (name.length === 0) return undefined;
  let names;
  try {
    names = toNames(name, 'A name');
  } catch (error) {
    // A reserved word: refused for that already, which is what the test wants to see.
    if (error instanceof UserInputError) return name;
    throw error;
  }
  const derived = pattern.includes('{Class}') ? names.className : names.propertyName;
  return derived === name ? name : undefined;
}

// ---------------------------------------------------------------------------------------------
// The names visible where a template holds a derived variable
// ---------------------------------------------------------------------------------------------

/** The generated files as one program against the kernel, to resolve what each name refers to. */
function programOf(tree: Tree, files: readonly string[]): ts.Program {
  const options: ts.CompilerOptions = {
    strict: true,
    noEmit: true,
    target: ts.ScriptTarget.ES2022,
    lib: generatedLibs().map((lib) => `lib.${lib.toLowerCase()}.d.ts`),
    module: ts.ModuleKind.CommonJS,
    moduleResolution: ts.ModuleResolutionKind.Node10,
    types: ['node', 'jest'],
    typeRoots: [join(REPO, 'node_modules/@types')],
    baseUrl: REPO,
    paths: { '@mjomeet/ddd': [KERNEL] },
  };
  const root = `${tree.root}/`;
  const inTree = (file: string) => (file.startsWith(root) ? file.slice(root.length) : undefined);
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile;
  host.fileExists = (file) => {
    const path = inTree(file);
    return path ? tree.isFile(path) : ts.sys.fileExists(file);
  };
  host.readFile = (file) => {
    const path = inTree(file);
    return path ? (tree.read(path, 'utf-8') ?? undefined) : ts.sys.readFile(file);
  };
  host.directoryExists = (dir) =>
    inTree(`${dir}/`) !== undefined ? true : ts.sys.directoryExists(dir);
  host.getSourceFile = (file, language, ...rest) => {
    const path = inTree(file);
    return path
      ? ts.createSourceFile(file, tree.read(path, 'utf-8') ?? '', language, true)
      : getSourceFile(file, language, ...rest);
  };
  return ts.createProgram(
    files.map((file) => `${root}${file}`),
    options,
    host,
  );
}

/** A name in a place where it is a key or a member, not a reference to something in scope. */
function isMemberName(node: ts.Identifier): boolean {
  const parent = node.parent;
  return (
    ((ts.isPropertyAccessExpression(parent) ||
      ts.isPropertyAssignment(parent) ||
      ts.isPropertySignature(parent) ||
      ts.isPropertyDeclaration(parent) ||
      ts.isMethodDeclaration(parent) ||
      ts.isGetAccessorDeclaration(parent)) &&
      parent.name === node) ||
    (ts.isQualifiedName(parent) && parent.right === node)
  );
}

/**
 * For each derived variable (`qza`, `qzaId`, ...), every name that the function holding it
 * declares or refers to: a variable of one of those names would redeclare or hide it. A name
 * declared in a nested function is that function's own and left out.
 */
function namesBesideVariables(generated: Generated): Map<string, Set<string>> {
  const program = programOf(generated.tree, generated.files);
  const checker = program.getTypeChecker();
  const variables = new Set(
    generated.patterns.filter((p) => p.role === 'variable').map((p) => p.identifier),
  );
  const beside = new Map<string, Set<string>>();
  for (const file of generated.files) {
    const source = program.getSourceFile(`${generated.tree.root}/${file}`)!;
    forEachIdentifier(source, (node) => {
      if (!variables.has(node.text) || roleAt(node) !== 'variable') return;
      const scope = ts.findAncestor(node.parent, ts.isFunctionLike)!;
      const names = beside.get(node.text) ?? new Set<string>();
      beside.set(node.text, names);
      forEachIdentifier(scope, (other) => {
        if (isMemberName(other)) return;
        const symbol = checker.getSymbolAtLocation(other);
        const home = symbol?.declarations?.[0];
        const nested = home && ts.findAncestor(home.parent, ts.isFunctionLike);
        if (nested && nested !== scope && ts.findAncestor(nested.parent, (n) => n === scope)) {
          return;
        }
        names.add(other.text);
      });
    });
  }
  return beside;
}

// ---------------------------------------------------------------------------------------------

describe('reserved identifiers', () => {
  let kernel: ReturnType<typeof kernelExports>;
  let globals: string[];
  let generated: Generated;
  let locals: string[];

  beforeAll(async () => {
    kernel = kernelExports();
    globals = libGlobals(generatedLibs());
    generated = await generateMarked();
    const reservedElsewhere = new Set([...kernel.names, ...globals]);
    const byVariable = namesBesideVariables(generated);
    locals = sorted(
      generated.patterns
        .filter((pattern) => pattern.role === 'variable')
        .flatMap((pattern) =>
          [...(byVariable.get(pattern.identifier) ?? [])].filter(
            (name) =>
              !MARKER.test(name) &&
              !reservedElsewhere.has(name) &&
              nameYielding(pattern.pattern, name) !== undefined,
          ),
        ),
    );
  });

  describe('the checked-in lists are derived from their sources', () => {
    it('KERNEL_EXPORTS is every export of packages/ddd/src/index.ts', () => {
      expect(kernel.names.length).toBeGreaterThan(30);
      expect(sorted(KERNEL_EXPORTS)).toEqual(sorted(kernel.names));
    });

    it("AGGREGATE_ROOT_MEMBERS is every member of the kernel's AggregateRoot", () => {
      expect(sorted(AGGREGATE_ROOT_MEMBERS)).toEqual(sorted(kernel.aggregateRootMembers));
    });

    it("TYPESCRIPT_GLOBALS is every global of TypeScript's lib files for the generated tsconfig", () => {
      expect(generatedLibs()).toEqual(['es2022']);
      expect(globals).toEqual(
        expect.arrayContaining(['Record', 'Map', 'Promise', 'Date', 'Error']),
      );
      expect(sorted(TYPESCRIPT_GLOBALS)).toEqual(sorted(globals));
    });

    it('TEMPLATE_LOCALS is every name the generated code uses beside a variable it derives', () => {
      expect(locals).toEqual(expect.arrayContaining(['handler', 'repository', 'result']));
      expect(sorted(TEMPLATE_LOCALS)).toEqual(sorted(locals));
    });
  });

  it('derivedIdentifiers lists every identifier the templates derive, in its role', () => {
    const tree = createTreeWithEmptyWorkspace();
    const options = normalizeOptions(tree, MARKED);
    const listed = derivedIdentifiers(options, nameSources(options, MARKED));

    expect(Object.fromEntries(listed.map((derived) => [derived.identifier, derived.role]))).toEqual(
      Object.fromEntries(generated.patterns.map((pattern) => [pattern.identifier, pattern.role])),
    );
    expect(generated.patterns.map((pattern) => pattern.pattern)).toEqual(
      expect.arrayContaining([
        '{Class}Command',
        '{Class}Handler',
        'On{Class}Listener',
        '{property}',
      ]),
    );
  });

  describe('refuses, writing nothing, each name where a template would derive it', () => {
    const BASE: FeatureGeneratorSchema = { module: 'meetings', useCase: 'ScheduleMeeting' };

    /** Gives each reserved name to the option whose pattern yields it; answers what was not refused. */
    async function notRefused(
      reserved: readonly string[],
      roles: readonly IdentifierRole[],
    ): Promise<{ checked: number; accepted: string[] }> {
      let tree = createTreeWithEmptyWorkspace();
      const accepted: string[] = [];
      let checked = 0;
      for (const pattern of generated.patterns.filter((p) => roles.includes(p.role))) {
        for (const identifier of reserved) {
          const name = nameYielding(pattern.pattern, identifier);
          if (name === undefined) continue;
          checked++;
          const schema = { ...BASE, [pattern.option]: name };
          const before = JSON.stringify(tree.listChanges());
          try {
            await featureGenerator(tree, schema);
            accepted.push(`${pattern.option}=${name} (${pattern.pattern} = ${identifier})`);
            tree = createTreeWithEmptyWorkspace();
            continue;
          } catch (error) {
            // Refused for this name: the message names the identifier, or the name as given (a
            // name can clash in more than one way, e.g. "Ok" as a class and "ok" as a variable).
            const refusedForIt =
              error instanceof UserInputError &&
              (error.message.includes(identifier) ||
                error.message.toLowerCase().includes(`"${name.toLowerCase()}"`));
            if (!refusedForIt) accepted.push(`${pattern.option}=${name}: ${String(error)}`);
          }
          if (JSON.stringify(tree.listChanges()) !== before) {
            accepted.push(`${pattern.option}=${name} changed the tree`);
          }
        }
      }
      return { checked, accepted };
    }

    it("every kernel export and TypeScript global, as a declaration's or a variable's name", async () => {
      const { checked, accepted } = await notRefused(
        [...kernel.names, ...globals],
        ['declaration', 'variable'],
      );

      expect(accepted).toEqual([]);
      expect(checked).toBeGreaterThan(500);
    });

    it('every member of AggregateRoot, as the name of the aggregate method', async () => {
      const { checked, accepted } = await notRefused(kernel.aggregateRootMembers, ['method']);

      expect(accepted).toEqual([]);
      expect(checked).toBe(kernel.aggregateRootMembers.length);
    });

    it('every name the generated code uses beside a variable, as that variable', async () => {
      const { checked, accepted } = await notRefused(locals, ['variable']);

      expect(accepted).toEqual([]);
      expect(checked).toBe(locals.length);
    });
  });
});

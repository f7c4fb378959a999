import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { ZETA_FILES, ZETA_ROOT, zetaModule } from './__fixtures__/plans';
import { moduleCodeFromFiles, readModuleCode } from './module-code';

describe('moduleCodeFromFiles', () => {
  it('maps exported names to their files and lists spec files with their code', () => {
    const code = zetaModule();

    expect(code.root).toBe('packages/zeta');
    expect(code.declarations.get('Room')).toBe('src/domain/room/room.aggregate.ts');
    expect(code.declarations.get('BookRoomInput')).toBe(
      'src/application/book-room/book-room.command.ts',
    );
    expect(code.specFiles.has('src/domain/room/room.aggregate.spec.ts')).toBe(true);
    expect(code.specFiles.size).toBe(9);
    expect([...code.specSources.keys()]).toEqual([...code.specFiles]);
    expect(code.specSources.get('src/domain/room/room.aggregate.spec.ts')).toBe(
      ZETA_FILES['src/domain/room/room.aggregate.spec.ts'],
    );
  });

  it('ignores specs, declaration files, files outside src/ and names that are not exported', () => {
    const code = moduleCodeFromFiles('./packages/x/', {
      'src/a.spec.ts': 'export class InSpec {}',
      'src/b.d.ts': 'export declare class InDts {}',
      'tools/c.ts': 'export class Outside {}',
      'src/d.ts':
        'class Hidden {}\n// export class Commented {}\n  export   interface Spaced {}\nexport default class Defaulted {}\nexport declare const Declared: number;',
      'src\\e.ts': 'export async function Windows() {}',
    });

    expect([...code.declarations.keys()].sort()).toEqual([
      'Declared',
      'Defaulted',
      'Spaced',
      'Windows',
    ]);
    expect(code.root).toBe('packages/x');
    expect([...code.specSources]).toEqual([['src/a.spec.ts', 'export class InSpec {}']]);
  });

  it('accepts a Map and resolves a name declared twice to the first file in path order', () => {
    const code = moduleCodeFromFiles(
      'm',
      new Map([
        ['src/b.ts', 'export class Twice {}'],
        ['src/a.ts', 'export class Twice {}'],
      ]),
    );

    expect(code.declarations.get('Twice')).toBe('src/a.ts');
  });
});

describe('readModuleCode', () => {
  let workspace: string;

  beforeAll(() => {
    workspace = mkdtempSync(join(tmpdir(), 'plan-module-code-'));
    for (const [path, content] of Object.entries({
      ...ZETA_FILES,
      'src/node_modules/x/index.ts': 'export class Vendored {}',
    })) {
      const file = join(workspace, ZETA_ROOT, path);
      mkdirSync(dirname(file), { recursive: true });
      writeFileSync(file, content);
    }
  });

  afterAll(() => rmSync(workspace, { recursive: true, force: true }));

  it('reads what the in-memory builder reads', () => {
    const fromDisk = readModuleCode(workspace, ZETA_ROOT);
    const inMemory = zetaModule();

    expect(fromDisk.root).toBe(inMemory.root);
    expect([...fromDisk.declarations].sort()).toEqual([...inMemory.declarations].sort());
    expect([...fromDisk.specFiles].sort()).toEqual([...inMemory.specFiles].sort());
    expect([...fromDisk.specSources].sort()).toEqual([...inMemory.specSources].sort());
    expect(fromDisk.specSources.get('src/domain/room/room-id.value-object.spec.ts')).toContain(
      "describe('RoomId'",
    );
  });

  it('gives an empty module for a project without src/', () => {
    const code = readModuleCode(workspace, 'packages/missing');

    expect(code.declarations.size).toBe(0);
    expect(code.specFiles.size).toBe(0);
    expect(code.specSources.size).toBe(0);
  });
});

import {
  COMPLETE_PLAN,
  findingsOf,
  lineOf,
  replaceOnce,
  verifyVariant,
  ZETA_FILES,
  zetaModule,
} from '../../__fixtures__/plans';

function without(path: string): Record<string, string> {
  const files = { ...ZETA_FILES };
  delete files[path];
  return files;
}

describe('trace/artifact-missing', () => {
  const rule = (text: string, files = ZETA_FILES) =>
    findingsOf('trace/artifact-missing', verifyVariant(text, { moduleCode: zetaModule(files) }));

  it('reports an artifact of the plan that the module does not declare, at its name', () => {
    const findings = rule(COMPLETE_PLAN, without('src/domain/room/room-name.value-object.ts'));
    const row = '| Value object    | `RoomName`';

    expect(findings).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(COMPLETE_PLAN, row),
        column: row.indexOf('`RoomName`') + 1,
        messageId: 'notDeclared',
        data: { name: 'RoomName', section: '`## Domain model`', root: 'packages/zeta' },
      }),
    ]);
  });

  it('reports a misspelt artifact in the application layer table', () => {
    const text = replaceOnce(COMPLETE_PLAN, '`BookRoomHandler`  ', '`BookRoomHandlr`   ');

    expect(rule(text)).toEqual([
      expect.objectContaining({
        messageId: 'notDeclared',
        data: { name: 'BookRoomHandlr', section: '`## Application layer`', root: 'packages/zeta' },
      }),
    ]);
  });

  it('runs only when the module code is given', () => {
    const text = replaceOnce(COMPLETE_PLAN, '`BookRoomHandler`  ', '`BookRoomHandlr`   ');

    expect(findingsOf('trace/artifact-missing', verifyVariant(text, { moduleCode: null }))).toEqual(
      [],
    );
  });

  it.each([
    ['export abstract class Room {}', 'Room'],
    ['export const RoomName = 1;', 'RoomName'],
    ['export enum RoomId { A }', 'RoomId'],
    ['export function RoomBooked() {}', 'RoomBooked'],
    ['export type RoomRepositoryPort = {};', 'RoomRepositoryPort'],
  ])('finds a declaration like %j', (source, name) => {
    const declarations = zetaModule({ 'src/x.ts': source }).declarations;

    expect(declarations.get(name)).toBe('src/x.ts');
  });
});

describe('trace/spec-not-in-plan', () => {
  const rule = (text: string, files = ZETA_FILES) =>
    findingsOf(
      'trace/spec-not-in-plan',
      verifyVariant(text, { moduleCode: zetaModule(files), skipApproval: true }),
    );

  it('reports a spec of a planned artifact that the Unit tests section does not name', () => {
    const text = replaceOnce(
      COMPLETE_PLAN,
      '### `src/domain/room/room-booked.event.spec.ts`',
      '### The event',
    );

    expect(rule(text)).toEqual([
      expect.objectContaining({
        severity: 'error',
        line: lineOf(text, '## Unit tests'),
        column: 1,
        messageId: 'notNamed',
        data: {
          spec: 'src/domain/room/room-booked.event.spec.ts',
          of: 'of `RoomBooked`',
          section: '`## Unit tests`',
        },
      }),
    ]);
  });

  it("reports a spec in the use-case's folder that the plan does not name", () => {
    const files = { ...ZETA_FILES, 'src/application/book-room/book-room.policy.spec.ts': '' };

    expect(rule(COMPLETE_PLAN, files)).toEqual([
      expect.objectContaining({
        messageId: 'notNamed',
        data: {
          spec: 'src/application/book-room/book-room.policy.spec.ts',
          of: 'in src/application/book-room/',
          section: '`## Unit tests`',
        },
      }),
    ]);
  });

  it('ignores specs of other use-cases and of artifacts the plan does not name', () => {
    const files = {
      ...ZETA_FILES,
      'src/application/cancel-room/cancel-room.command.spec.ts': '',
      'src/domain/desk/desk.aggregate.spec.ts': '',
    };

    expect(rule(COMPLETE_PLAN, files)).toEqual([]);
  });

  it('expects no spec that does not exist', () => {
    expect(rule(COMPLETE_PLAN, without('src/domain/room/room-booked.event.spec.ts'))).toEqual([]);
  });
});

import { ScheduledCommandRegistry, ValidationError } from '@mjomeet/ddd';
import {
  ExpirePasswordResetScheduledCommand,
  PasswordResetId,
} from '../../index';

describe('ExpirePasswordResetScheduledCommand', () => {
  const registry = new ScheduledCommandRegistry().register(
    ExpirePasswordResetScheduledCommand.TYPE,
    ExpirePasswordResetScheduledCommand.VERSION,
    ExpirePasswordResetScheduledCommand.fromPrimitives,
  );
  const command = ExpirePasswordResetScheduledCommand.create(
    PasswordResetId.generate(),
    new Date('2030-01-01T09:30:00.000Z'),
  );

  it('survives a JSON round trip with its type and version', () => {
    const restored = registry.deserialize(command.serialize());

    expect(restored.ok && restored.value).toBeInstanceOf(
      ExpirePasswordResetScheduledCommand,
    );
    expect(restored.ok && restored.value.toPrimitives()).toEqual(
      command.toPrimitives(),
    );
    expect(JSON.parse(command.serialize())).toEqual({
      type: 'identity.ExpirePasswordReset',
      version: 1,
      runAt: '2030-01-01T09:30:00.000Z',
      payload: { passwordResetId: command.payload.passwordResetId },
    });
  });

  it.each([
    ['an id that is not a UUID', { passwordResetId: 'x' }],
    ['an id that is not a string', { passwordResetId: { $ne: null } }],
    ['no id', {}],
  ])('refuses a stored command with %s', (_case, payload) => {
    const tampered = JSON.stringify({ ...command.toPrimitives(), payload });

    const restored = registry.deserialize(tampered);

    expect(!restored.ok && restored.error).toBeInstanceOf(ValidationError);
  });

  it('refuses a run time that is not a date-time', () => {
    const tampered = JSON.stringify({
      ...command.toPrimitives(),
      runAt: 'now',
    });

    expect(registry.deserialize(tampered).ok).toBe(false);
  });

  it('refuses a version it does not know', () => {
    const future = JSON.stringify({ ...command.toPrimitives(), version: 99 });

    expect(registry.deserialize(future).ok).toBe(false);
  });
});

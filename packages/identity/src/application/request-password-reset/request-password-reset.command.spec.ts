import { ValidationError } from '@mjomeet/ddd';
import {
  RequestPasswordResetCommand,
  RequestPasswordResetInput,
} from '../../index';

describe('RequestPasswordResetCommand', () => {
  const validInput = (): RequestPasswordResetInput => ({
    emailAddress: ' Ada@Example.com ',
    requesterIp: '203.0.113.7',
  });

  it('is created from valid input, with the address normalised', () => {
    const result = RequestPasswordResetCommand.create(validInput());

    expect(result.ok && result.value.payload.emailAddress.value).toBe(
      'ada@example.com',
    );
    expect(result.ok && result.value.commandName).toBe(
      'identity.RequestPasswordReset',
    );
  });

  it('reports every invalid field at once, without their values', () => {
    const result = RequestPasswordResetCommand.create({
      emailAddress: 'not an address',
      requesterIp: 'somewhere',
    });

    expect(!result.ok && result.error).toBeInstanceOf(ValidationError);
    expect(
      !result.ok && result.error.issues.map((issue) => issue.field),
    ).toEqual(['emailAddress', 'requesterIp']);
    expect(!result.ok && result.error.message).not.toContain('not an address');
  });

  it('carries tracing metadata', () => {
    const result = RequestPasswordResetCommand.create(validInput(), {
      correlationId: 'request-1',
    });

    expect(result.ok && result.value.metadata).toMatchObject({
      correlationId: 'request-1',
    });
  });
});

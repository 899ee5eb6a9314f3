import type { ChangeEmailRequest } from '@world-it/contracts';
import { CurrentPasswordField, EmailField } from './fields';

export class ChangeEmailDto implements ChangeEmailRequest {
  @EmailField('newEmail')
  newEmail: string;

  @CurrentPasswordField('password')
  password: string;
}

import type { ChangePasswordRequest, ResetPasswordRequest } from '@world-it/contracts';
import { CodeField, CurrentPasswordField, EmailField, PasswordField } from './fields';

export class ResetPasswordDto implements ResetPasswordRequest {
  @EmailField()
  email: string;

  @CodeField()
  code: string;

  @PasswordField('newPassword')
  newPassword: string;
}

export class ChangePasswordDto implements ChangePasswordRequest {
  @CurrentPasswordField('currentPassword')
  currentPassword: string;

  @PasswordField('newPassword')
  newPassword: string;
}

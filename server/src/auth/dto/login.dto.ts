import type { LoginRequest } from '@world-it/contracts';
import { CurrentPasswordField, EmailField } from './fields';

export class LoginDto implements LoginRequest {
  @EmailField()
  email: string;

  @CurrentPasswordField('password')
  password: string;
}

import type { EmailRequest } from '@world-it/contracts';
import { EmailField } from './fields';

/** Resend a code, or ask for a password reset code. */
export class EmailDto implements EmailRequest {
  @EmailField()
  email: string;
}

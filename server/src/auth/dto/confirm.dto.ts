import type { ConfirmEmailChangeRequest, ConfirmRequest } from '@world-it/contracts';
import { CodeField, EmailField } from './fields';

export class ConfirmDto implements ConfirmRequest {
  @EmailField()
  email: string;

  @CodeField()
  code: string;
}

export class ConfirmEmailChangeDto implements ConfirmEmailChangeRequest {
  @CodeField()
  code: string;
}

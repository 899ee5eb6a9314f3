import type { DeleteAccountRequest, DeletionCodeRequest } from '@world-it/contracts';
import { CodeField, CurrentPasswordField } from '../../auth/dto/fields';

export class RequestDeletionCodeDto implements DeletionCodeRequest {
  @CurrentPasswordField('password')
  password: string;
}

export class DeleteAccountDto implements DeleteAccountRequest {
  @CurrentPasswordField('password')
  password: string;

  @CodeField()
  code: string;
}

import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type {
  DataExportResponse,
  DeleteAccountRequest,
  DeletionCodeRequest,
  RegisterResponse,
} from '@world-it/contracts';
import type { Observable } from 'rxjs';

/** Download my data and delete my account (routes under /api/me). */
@Injectable({ providedIn: 'root' })
export class PrivacyApiService {
  private readonly http = inject(HttpClient);

  requestExport(): Observable<DataExportResponse> {
    return this.http.post<DataExportResponse>('/api/me/export', {});
  }

  requestDeletionCode(body: DeletionCodeRequest): Observable<RegisterResponse> {
    return this.http.post<RegisterResponse>('/api/me/deletion/code', body);
  }

  deleteAccount(body: DeleteAccountRequest): Observable<void> {
    return this.http.delete<void>('/api/me', { body });
  }
}

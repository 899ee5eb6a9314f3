import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import type { Observable } from 'rxjs';

/** Where the server mounts the queue dashboard (Bull Board), for admins. */
export const QUEUE_DASHBOARD_URL = '/api/admin/queues';

@Injectable({ providedIn: 'root' })
export class QueueDashboardApiService {
  private readonly http = inject(HttpClient);

  /** Trades the admin's bearer token for the board's short-lived cookie (204). */
  openSession(): Observable<void> {
    return this.http.post<void>(`${QUEUE_DASHBOARD_URL}/session`, {});
  }
}

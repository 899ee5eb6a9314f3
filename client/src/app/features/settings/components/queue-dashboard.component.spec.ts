import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type ComponentFixture, TestBed } from '@angular/core/testing';

import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { NoticeService } from '../../../core/notice/notice.service';
import { QueueDashboardComponent } from './queue-dashboard.component';

describe('QueueDashboardComponent', () => {
  let fixture: ComponentFixture<QueueDashboardComponent>;
  let http: HttpTestingController;
  let tab: { opener: unknown; location: { href: string }; close: jest.Mock };
  let open: jest.SpyInstance;

  beforeEach(() => {
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    tab = { opener: window, location: { href: 'about:blank' }, close: jest.fn() };
    open = jest.spyOn(window, 'open').mockReturnValue(tab as unknown as Window);
    fixture = TestBed.createComponent(QueueDashboardComponent);
    fixture.detectChanges();
  });

  afterEach(() => {
    http.verify();
    open.mockRestore();
  });

  const button = (): HTMLButtonElement =>
    fixture.nativeElement.querySelector('[data-testid="settings-queue-dashboard"]');

  it('opens the tab at the click, sets the session, then sends the tab to the board', async () => {
    button().click();
    expect(open).toHaveBeenCalledWith('', '_blank');
    await fixture.whenStable();
    expect(button().disabled).toBe(true);
    const req = http.expectOne('/api/admin/queues/session');
    expect(req.request.method).toBe('POST');
    expect(tab.location.href).toBe('about:blank');
    req.flush(null, { status: 204, statusText: 'No Content' });
    await fixture.whenStable();
    expect(tab.location.href).toBe('/api/admin/queues');
    expect(tab.opener).toBeNull();
    expect(button().disabled).toBe(false);
  });

  it('closes the tab and says so when the session is refused', async () => {
    const error = jest.spyOn(TestBed.inject(NoticeService), 'error');
    button().click();
    http.expectOne('/api/admin/queues/session').flush(null, { status: 403, statusText: 'Forbidden' });
    await fixture.whenStable();
    expect(tab.close).toHaveBeenCalled();
    expect(tab.location.href).toBe('about:blank');
    expect(error).toHaveBeenCalledWith('Could not open the queue dashboard. Please try again.');
  });
});

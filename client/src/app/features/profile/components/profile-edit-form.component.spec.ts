import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { Component } from '@angular/core';
import type { AbstractControl } from '@angular/forms';
import { type ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { Profile } from '@world-it/contracts';

import { AuthService, SESSION_STORAGE_KEY } from '../../../core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from '../../../core/i18n/i18n.service';
import { todayYmd } from '../../../shared/util/person-format';
import { makeMe } from '../../people/testing/profiles';
import { fieldErrors, pastDate, ProfileEditFormComponent } from './profile-edit-form.component';

const me = makeMe({
  displayName: 'Ada',
  firstName: 'Ada',
  lastName: 'Lovelace',
  about: 'Maths',
  dateOfBirth: '1990-12-10',
});

@Component({
  imports: [ProfileEditFormComponent],
  template: `<wit-profile-edit-form [profile]="profile" (saved)="saved = saved + 1" />`,
})
class HostComponent {
  profile: Profile = me;
  saved = 0;
}

describe('ProfileEditFormComponent', () => {
  let fixture: ComponentFixture<HostComponent>;
  let http: HttpTestingController;

  beforeEach(async () => {
    localStorage.clear();
    localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
    localStorage.setItem(SESSION_STORAGE_KEY, JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: me }));
    TestBed.configureTestingModule({ providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()] });
    http = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(HostComponent);
    await fixture.whenStable();
  });

  afterEach(() => http.verify());

  const q = <T extends HTMLElement>(testId: string): T =>
    fixture.nativeElement.querySelector(`[data-testid="${testId}"]`);
  const text = (): string => (fixture.nativeElement as HTMLElement).textContent ?? '';

  async function fill(testId: string, value: string): Promise<void> {
    const input = q<HTMLInputElement | HTMLTextAreaElement>(testId);
    input.value = value;
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('blur'));
    await fixture.whenStable();
  }

  async function save(): Promise<void> {
    q<HTMLButtonElement>('profile-save').click();
    await fixture.whenStable();
  }

  it('starts from the profile and counts the about text', () => {
    expect(q<HTMLInputElement>('profile-display-name').value).toBe('Ada');
    expect(q<HTMLInputElement>('profile-dob-input').value).toBe('1990-12-10');
    expect(q('profile-about-count').textContent).toContain('5 of 500 characters');
  });

  it('refuses an empty display name, a too long about and a future date, without a request', async () => {
    await fill('profile-display-name', '   ');
    await fill('profile-about-input', 'x'.repeat(501));
    await fill('profile-dob-input', '2999-01-01');
    await save();

    http.expectNone('/api/profiles/me');
    expect(text()).toContain('This field is required');
    expect(text()).toContain('at most 500');
    expect(text()).toContain('The date of birth must be in the past.');
    expect(q('profile-about-count').classList).toContain('counter--over');
    expect(q('profile-display-name').getAttribute('aria-invalid')).toBe('true');
  });

  it('sends only what changed, trimmed, clears the date as null and updates the session', async () => {
    await fill('profile-display-name', '  Countess Ada ');
    await fill('profile-dob-input', '');
    await save();

    const req = http.expectOne((r) => r.method === 'PATCH' && r.url === '/api/profiles/me');
    expect(req.request.body).toEqual({ displayName: 'Countess Ada', dateOfBirth: null });
    req.flush({ ...me, displayName: 'Countess Ada', dateOfBirth: null });
    await fixture.whenStable();
    expect(TestBed.inject(AuthService).me()?.displayName).toBe('Countess Ada');
    expect(fixture.componentInstance.saved).toBe(1);
  });

  it('shows the server’s message under the field it names', async () => {
    await fill('profile-first-name', 'Augusta');
    await save();
    http.expectOne('/api/profiles/me').flush(
      {
        statusCode: 400,
        message: ['firstName must be shorter than or equal to 50 characters'],
        error: 'Bad Request',
      },
      { status: 400, statusText: 'Bad Request' },
    );
    await fixture.whenStable();

    const first = q('profile-first-name').closest('.field')!;
    expect(first.textContent).toContain('firstName must be shorter than or equal to 50 characters');
    expect(q('profile-first-name').getAttribute('aria-invalid')).toBe('true');
    expect(fixture.componentInstance.saved).toBe(0);

    await fill('profile-first-name', 'Augusta A.');
    expect(first.textContent).not.toContain('firstName must be');
  });

  it('splits server messages by field', () => {
    expect(
      fieldErrors([
        'about must be shorter',
        'dateOfBirth must be a real calendar date',
        'property foo should not exist',
      ]),
    ).toEqual({
      fields: { about: 'about must be shorter', dateOfBirth: 'dateOfBirth must be a real calendar date' },
      general: ['property foo should not exist'],
    });
    expect(todayYmd(new Date(2026, 0, 5))).toBe('2026-01-05');
  });

  it('refuses impossible dates and dates before 1900, as the server does', () => {
    const check = (value: string) => pastDate({ value } as AbstractControl<string>);
    expect(check('')).toBeNull();
    expect(check('1990-02-30')).toEqual({ dateInvalid: true });
    expect(check('1899-12-31')).toEqual({ dateTooEarly: true });
    expect(check('1900-01-01')).toBeNull();
  });
});

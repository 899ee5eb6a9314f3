import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { type Type } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';

import { SESSION_STORAGE_KEY } from './core/auth/auth.service';
import { LANGUAGE_STORAGE_KEY } from './core/i18n/i18n.service';
import { ConfirmPage } from './features/auth/pages/confirm.page';
import { ForgotPasswordPage } from './features/auth/pages/forgot-password.page';
import { LoginPage } from './features/auth/pages/login.page';
import { RegisterPage } from './features/auth/pages/register.page';
import { ResetPasswordPage } from './features/auth/pages/reset-password.page';
import { makeMe } from './features/people/testing/profiles';
import { ChangeEmailFormComponent } from './features/settings/components/change-email-form.component';
import { ChangePasswordFormComponent } from './features/settings/components/change-password-form.component';

/**
 * A <form> whose submit no form directive handles is submitted natively by the browser: the page
 * reloads as `GET ?…` and nothing reaches the API. `(ngSubmit)` alone does not help — without
 * `[formGroup]` it is an unknown DOM event that never fires (the forgot-password bug).
 */
describe('every form handles its own submit', () => {
  const APP = join(__dirname);

  function templateFiles(dir: string): string[] {
    return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const path = join(dir, e.name);
      if (e.isDirectory()) return templateFiles(path);
      return /\.(ts|html)$/.test(e.name) && !e.name.endsWith('.spec.ts') ? [path] : [];
    });
  }

  it('each <form> is bound to a FormGroup or has a (submit) handler that prevents the native submit', () => {
    const faults: string[] = [];
    for (const file of templateFiles(APP)) {
      for (const [tag] of readFileSync(file, 'utf8').matchAll(/<form\b[^>]*>/g)) {
        const bound = /\[formGroup\]=/.test(tag);
        const handled = /\(submit\)="[^"]*\$event/.test(tag);
        if (!bound && !handled) faults.push(`${relative(APP, file)}: ${tag.replace(/\s+/g, ' ')}`);
      }
    }
    expect(faults).toEqual([]);
  });

  describe('rendered, a submitted form does not go to the browser', () => {
    let http: HttpTestingController;
    let submits: Event[];
    const record = (e: Event): number => submits.push(e);

    beforeEach(() => {
      localStorage.clear();
      localStorage.setItem(LANGUAGE_STORAGE_KEY, 'en');
      submits = [];
      window.addEventListener('submit', record);
      TestBed.configureTestingModule({
        providers: [provideRouter([]), provideHttpClient(), provideHttpClientTesting()],
      });
      http = TestBed.inject(HttpTestingController);
    });
    afterEach(() => window.removeEventListener('submit', record));

    /** Submits every form of the rendered component as the browser would (Enter / the submit button). */
    async function submitAll(component: Type<unknown>): Promise<HTMLElement> {
      const fixture = TestBed.createComponent(component);
      await fixture.whenStable();
      const host = fixture.nativeElement as HTMLElement;
      const forms = [...host.querySelectorAll('form')];
      expect(forms.length).toBeGreaterThan(0);
      for (const form of forms) form.requestSubmit();
      await fixture.whenStable();
      expect(submits).toHaveLength(forms.length);
      // Bubbling to window happens after the component's listener: a native submission is one not prevented.
      expect(submits.filter((e) => !e.defaultPrevented)).toEqual([]);
      return host;
    }

    it.each<[string, Type<unknown>]>([
      ['login', LoginPage],
      ['register', RegisterPage],
      ['confirm', ConfirmPage],
      ['reset password', ResetPasswordPage],
      ['forgot password', ForgotPasswordPage],
    ])('%s page', async (_name, page) => {
      await submitAll(page);
    });

    it('forgot password: Send code posts the address and moves on to the reset step', async () => {
      const fixture = TestBed.createComponent(ForgotPasswordPage);
      await fixture.whenStable();
      const host = fixture.nativeElement as HTMLElement;
      const input = host.querySelector<HTMLInputElement>('[data-testid="forgot-email"]')!;
      input.value = 'ada@example.com';
      input.dispatchEvent(new Event('input'));
      const navigate = jest.spyOn(TestBed.inject(Router), 'navigate').mockResolvedValue(true);

      host.querySelector<HTMLButtonElement>('[data-testid="forgot-submit"]')!.click();
      const req = http.expectOne('/api/auth/password/forgot');
      expect(req.request.body).toEqual({ email: 'ada@example.com' });
      req.flush(null, { status: 204, statusText: 'No Content' });
      await fixture.whenStable();

      expect(submits.map((e) => e.defaultPrevented)).toEqual([true]);
      expect(navigate).toHaveBeenCalledWith(['/reset-password'], {
        queryParams: { email: 'ada@example.com', sent: 1 },
      });
    });

    describe('settings', () => {
      beforeEach(() => {
        localStorage.setItem(
          SESSION_STORAGE_KEY,
          JSON.stringify({ accessToken: 'a', refreshToken: 'r', user: makeMe({ language: 'en' }) }),
        );
      });

      it('change password form', async () => {
        await submitAll(ChangePasswordFormComponent);
      });

      it('change email: both the address step and the code step', async () => {
        await submitAll(ChangeEmailFormComponent);
        const fixture = TestBed.createComponent(ChangeEmailFormComponent);
        fixture.componentInstance.pendingEmail.set('new@example.com');
        submits = [];
        await fixture.whenStable();
        const form = (fixture.nativeElement as HTMLElement).querySelector('[data-testid="change-email-confirm"]');
        (form as HTMLFormElement).requestSubmit();
        expect(submits.map((e) => e.defaultPrevented)).toEqual([true]);
      });
    });

    afterEach(() => http.verify());
  });
});

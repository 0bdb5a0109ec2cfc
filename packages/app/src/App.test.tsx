import { render, screen } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('boots to the guest sign-in page', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Capstan' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };

    render(App.createRoot());

    expect(
      await screen.findByRole(
        'button',
        { name: /enter/i },
        { timeout: 10_000 },
      ),
    ).toBeInTheDocument();
    // The demo's guest card says who Guest is (demoSignIn's translation).
    expect(
      screen.getByText(/Sign in as Guest, a member of team-payments/),
    ).toBeInTheDocument();
    expect(
      screen.getByRole('heading', { name: 'Capstan' }),
    ).toBeInTheDocument();
  });
});

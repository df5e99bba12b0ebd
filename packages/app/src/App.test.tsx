import { render } from '@testing-library/react';
import App from './App';

describe('App', () => {
  it('should render', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: 'Test' },
            backend: { baseUrl: 'http://localhost:7007' },
            techdocs: {
              storageUrl: 'http://localhost:7007/api/techdocs/static/docs',
            },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    // With no auth provider configured the app lands on the sign-in page,
    // which offers the guest provider and is headed by app.title from the
    // config above.
    expect(
      await rendered.findByRole(
        'button',
        { name: 'Enter' },
        { timeout: 15000 },
      ),
    ).toBeInTheDocument();
    expect(rendered.getByText('Guest')).toBeInTheDocument();
    expect(rendered.getByRole('heading', { name: 'Test' })).toBeInTheDocument();
  }, 30000);
});

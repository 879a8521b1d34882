import { render } from 'preact';
import { App } from './app/app.js';
import './styles.css';

render(<App />, document.getElementById('app')!);
// First load as the browser measures it (navigation start -> first render); read by bench/first-load.mjs and the e2e test.
performance.mark('fleetward:first-render');

import { render } from 'preact';
render(<p>Ampere</p>, document.getElementById('app')!);

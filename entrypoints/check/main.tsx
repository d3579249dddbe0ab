import { render } from 'preact';
import '@/assets/styles/base.css';
import './check.css';
import { connectAppStore } from '@/components/app-store';
import { CheckApp } from './CheckApp';

connectAppStore();
render(<CheckApp search={location.search} />, document.getElementById('app')!);

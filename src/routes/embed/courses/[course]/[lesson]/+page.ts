import { withLessonText } from '$lib/content/lesson-text';
import type { PageLoad } from './$types';

export const load: PageLoad = ({ data }) => withLessonText(data);

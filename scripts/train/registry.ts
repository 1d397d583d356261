/**
 * The models trained at build time (`npm run train -- <name>`). A new one is a recipe file next
 * to this one (see spiralsMlp.ts) and one line here.
 */
import type { TrainRecipe } from './recipe';
import { spiralsMlpRecipe } from './spiralsMlp';
import { attentionRecipe } from './attentionTasks';
import { diffusionRecipes } from './diffusionDenoisers';
import { distillTeacherRecipe } from './distillTeacher';

export const RECIPES: Record<string, () => TrainRecipe> = {
	'spirals-mlp': spiralsMlpRecipe,
	'attention-copy': attentionRecipe('copy'),
	'attention-reverse': attentionRecipe('reverse'),
	'attention-sort': attentionRecipe('sort'),
	...diffusionRecipes,
	'distill-teacher': distillTeacherRecipe
};

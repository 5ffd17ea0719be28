/* test_watch.c: when a change of the inputs is ready to draw (watch.h).
 * Time is given to the module, so the tests step it by hand; inotify's
 * events are queued by the file operations themselves. */
#include "unit.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli/watch.h"

typedef struct {
	char dir[64];
	char path[256];
	rg_diags *d;
	rg_watch *w;
} fixture;

static int setup(void **state)
{
	fixture *f = calloc(1, sizeof *f);
	strcpy(f->dir, "/tmp/relgraph-watch.XXXXXX");
	if (!mkdtemp(f->dir))
		return -1;
	f->d = rg_diags_new();
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	fixture *f = *state;
	rg_watch_free(f->w);
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", f->dir);
	if (system(cmd) != 0)
		return -1;
	rg_diags_free(f->d);
	free(f);
	return 0;
}

static const char *at(fixture *f, const char *name)
{
	snprintf(f->path, sizeof f->path, "%s/%s", f->dir, name);
	return f->path;
}

static void put(fixture *f, const char *name, const char *text)
{
	FILE *fp = fopen(at(f, name), "w");
	assert_non_null(fp);
	fputs(text, fp);
	assert_int_equal(fclose(fp), 0);
}

static void watch_dir(fixture *f)
{
	char *in[] = {f->dir};
	f->w = rg_watch_new(in, 1, f->d);
	assert_non_null(f->w);
}

/* The wait after reading the events at time t. */
static int due_after(fixture *f, double t)
{
	rg_watch_read(f->w, t);
	return rg_watch_due(f->w, t);
}

static void test_nothing_changed_nothing_due(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	assert_int_equal(due_after(f, 10), -1);
}

static void test_a_save_is_due_after_settling(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	put(f, "a.csv", "y\n");
	int wait = due_after(f, 10);
	assert_true(wait > 0 && wait <= RG_WATCH_SETTLE_MS + 1);
	assert_int_equal(rg_watch_due(f->w, 10 + RG_WATCH_SETTLE_MS / 1000.0), 0);
	rg_watch_taken(f->w);
	assert_int_equal(rg_watch_due(f->w, 11), -1);
}

static void test_files_that_are_not_inputs_do_not_count(void **state)
{
	fixture *f = *state;
	watch_dir(f);
	put(f, "notes.txt", "x\n");
	put(f, ".a.csv.swp", "x\n");
	put(f, "a.csv~", "x\n");
	put(f, ".a.csv.XXXXXX", "x\n"); /* relgraph's own temporary files */
	assert_int_equal(due_after(f, 10), -1);
}

static void test_rename_over_is_one_change(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	put(f, ".a.csv.tmp", "y\n");
	char from[256];
	snprintf(from, sizeof from, "%s", at(f, ".a.csv.tmp"));
	assert_int_equal(rename(from, at(f, "a.csv")), 0);
	int wait = due_after(f, 10);
	assert_true(wait > 0 && wait <= RG_WATCH_SETTLE_MS + 1);
}

static void test_deleted_file_waits_to_come_back(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	assert_int_equal(unlink(at(f, "a.csv")), 0);
	/* missing: not drawn at once, as the next step of the save will
	 * likely bring it back */
	int wait = due_after(f, 10);
	assert_true(wait > RG_WATCH_SETTLE_MS + 1);
	assert_true(rg_watch_due(f->w, 10.1) > 0);
	put(f, "a.csv", "y\n");
	wait = due_after(f, 10.2);
	assert_true(wait > 0 && wait <= RG_WATCH_SETTLE_MS + 1);
}

static void test_deleted_for_good_is_drawn_after_patience(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	assert_int_equal(unlink(at(f, "a.csv")), 0);
	assert_true(due_after(f, 10) > 0);
	assert_int_equal(rg_watch_due(f->w, 10 + RG_WATCH_PATIENCE_MS / 1000.0), 0);
}

static void test_file_open_for_writing_is_waited_for(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	watch_dir(f);
	int fd = open(at(f, "a.csv"), O_WRONLY | O_APPEND);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "y\n", 2), 2);
	assert_true(due_after(f, 10) > RG_WATCH_SETTLE_MS + 1);
	assert_int_equal(write(fd, "z\n", 2), 2);
	assert_true(due_after(f, 10.5) > RG_WATCH_SETTLE_MS + 1);
	close(fd);
	int wait = due_after(f, 10.6);
	assert_true(wait > 0 && wait <= RG_WATCH_SETTLE_MS + 1);
}

static void test_file_input_watches_only_that_file(void **state)
{
	fixture *f = *state;
	put(f, "a.csv", "x\n");
	put(f, "b.csv", "x\n");
	char *in[] = {(char *)at(f, "a.csv")};
	f->w = rg_watch_new(in, 1, f->d);
	assert_non_null(f->w);
	put(f, "b.csv", "y\n");
	assert_int_equal(due_after(f, 10), -1);
	put(f, "a.csv", "y\n");
	assert_true(due_after(f, 11) > 0);
}

static void test_missing_input_is_an_error(void **state)
{
	fixture *f = *state;
	char *in[] = {(char *)at(f, "nothing-here")};
	assert_null(rg_watch_new(in, 1, f->d));
	assert_int_equal(rg_diags_count(f->d, RG_ERROR), 1);
	assert_non_null(unit_diag(f->d, "cannot watch"));
}

static void test_folder_renamed_away_and_back(void **state)
{
	fixture *f = *state;
	char sub[256], away[256];
	snprintf(sub, sizeof sub, "%s/data", f->dir);
	snprintf(away, sizeof away, "%s/data.old", f->dir);
	assert_int_equal(mkdir(sub, 0777), 0);
	char *in[] = {sub};
	f->w = rg_watch_new(in, 1, f->d);
	assert_non_null(f->w);
	assert_int_equal(rename(sub, away), 0);
	assert_true(due_after(f, 10) >= 0);
	rg_watch_taken(f->w);
	/* back under its name: watched again, and a change to draw */
	assert_int_equal(rename(away, sub), 0);
	assert_true(rg_watch_due(f->w, 12) >= 0);
	assert_int_equal(rg_watch_due(f->w, 12.1), 0);
	rg_watch_taken(f->w);
	char file[300];
	snprintf(file, sizeof file, "%s/a.csv", sub);
	FILE *fp = fopen(file, "w");
	assert_non_null(fp);
	fclose(fp);
	assert_true(due_after(f, 13) > 0);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
		T(test_nothing_changed_nothing_due),
		T(test_a_save_is_due_after_settling),
		T(test_files_that_are_not_inputs_do_not_count),
		T(test_rename_over_is_one_change),
		T(test_deleted_file_waits_to_come_back),
		T(test_deleted_for_good_is_drawn_after_patience),
		T(test_file_open_for_writing_is_waited_for),
		T(test_file_input_watches_only_that_file),
		T(test_missing_input_is_an_error),
		T(test_folder_renamed_away_and_back),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

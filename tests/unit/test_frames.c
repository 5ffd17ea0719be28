/* test_frames.c: the slices of a series (by year, month or a list of
 * dates, cut to a window, refused past a number) and the caption each
 * frame carries. */
#include "unit.h"

#include "relgraph/frames.h"

static rg_date D(int y, int m, int d)
{
	return (rg_date){(int16_t)y, (uint8_t)m, (uint8_t)d};
}

/* A view of two edges, dated first..last: 2013-05 to 2015 and 2014 to
 * 2023-02. */
static rg_view dated(rg_edge e[2])
{
	e[0] = (rg_edge){.first = D(2013, 5, 0), .last = D(2015, 0, 0)};
	e[1] = (rg_edge){.first = D(2014, 0, 0), .last = D(2023, 2, 0)};
	return (rg_view){.edges = e, .nedges = 2};
}

static void assert_labels(const rg_slice *s, size_t n, const char *const *want, size_t nwant)
{
	assert_non_null(s);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_string_equal(s[i].label, want[i]);
}

static void test_years_of_the_data(void **state)
{
	(void)state;
	rg_edge e[2];
	rg_view v = dated(e);
	size_t n;
	rg_slice *s = rg_frames_slices(&v, RG_FRAMES_YEAR, NULL, 0, D(0, 0, 0), D(0, 0, 0), 0, &n);
	assert_non_null(s);
	assert_int_equal(n, 11);
	assert_string_equal(s[0].label, "2013");
	assert_string_equal(s[10].label, "2023");
	assert_string_equal(s[10].caption, "2023");
	free(s);
}

static void test_months_inside_the_window(void **state)
{
	(void)state;
	rg_edge e[2];
	rg_view v = dated(e);
	size_t n;
	rg_slice *s = rg_frames_slices(&v, RG_FRAMES_MONTH, NULL, 0, D(2022, 11, 0), D(2023, 2, 0),
				       0, &n);
	static const char *const want[] = {"2022-11", "2022-12", "2023-01", "2023-02"};
	assert_labels(s, n, want, 4);
	assert_string_equal(s[1].caption, "December 2022");
	free(s);
}

/* The window's given side is where the series starts; the open side is
 * where the data ends; a year slice cut by a month window is the months
 * inside both. */
static void test_window_sides(void **state)
{
	(void)state;
	rg_edge e[2];
	rg_view v = dated(e);
	size_t n;
	rg_slice *s =
		rg_frames_slices(&v, RG_FRAMES_YEAR, NULL, 0, D(2020, 3, 0), D(0, 0, 0), 0, &n);
	static const char *const want[] = {"2020", "2021", "2022", "2023"};
	assert_labels(s, n, want, 4);
	assert_int_equal(s[0].from.month, 3);
	assert_int_equal(s[0].to.month, 0);
	free(s);
	/* nothing inside */
	s = rg_frames_slices(&v, RG_FRAMES_YEAR, NULL, 0, D(2030, 0, 0), D(0, 0, 0), 0, &n);
	assert_null(s);
	assert_int_equal(n, 0);
}

static void test_past_max_is_counted_not_made(void **state)
{
	(void)state;
	rg_edge e[2];
	rg_view v = dated(e);
	size_t n;
	/* 2013-05 to 2023-02: 118 months */
	rg_slice *s = rg_frames_slices(&v, RG_FRAMES_MONTH, NULL, 0, D(0, 0, 0), D(0, 0, 0),
				       RG_FRAMES_DEFAULT_MAX, &n);
	assert_null(s);
	assert_int_equal(n, 118);
	s = rg_frames_slices(&v, RG_FRAMES_MONTH, NULL, 0, D(0, 0, 0), D(0, 0, 0), 118, &n);
	assert_non_null(s);
	assert_int_equal(n, 118);
	free(s);
}

static void test_list_keeps_dates_inside(void **state)
{
	(void)state;
	rg_view v = {0};
	rg_date list[] = {D(2014, 0, 0), D(2022, 2, 24), D(2023, 0, 0)};
	size_t n;
	rg_slice *s =
		rg_frames_slices(&v, RG_FRAMES_LIST, list, 3, D(2015, 0, 0), D(0, 0, 0), 0, &n);
	static const char *const want[] = {"2022-02-24", "2023"};
	assert_labels(s, n, want, 2);
	assert_string_equal(s[0].caption, "24 February 2022");
	free(s);
}

static void test_captions(void **state)
{
	(void)state;
	char c[32];
	rg_frames_caption(D(2023, 5, 0), c);
	assert_string_equal(c, "May 2023");
	rg_frames_caption(D(2023, 3, 12), c);
	assert_string_equal(c, "12 March 2023");
	rg_frames_caption(D(1949, 0, 0), c);
	assert_string_equal(c, "1949");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_years_of_the_data),
		cmocka_unit_test(test_months_inside_the_window),
		cmocka_unit_test(test_window_sides),
		cmocka_unit_test(test_past_max_is_counted_not_made),
		cmocka_unit_test(test_list_keeps_dates_inside),
		cmocka_unit_test(test_captions),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}

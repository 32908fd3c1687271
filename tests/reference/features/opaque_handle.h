/* A pointer to an incomplete struct: a branded handle of that type only,
 * or null; no destructor without a rule (see rule_destroy.h). */
typedef struct oh_db oh_db;
typedef struct oh_row oh_row;
oh_db *oh_open(const char *path);
oh_row *oh_first(oh_db *db);
int oh_row_id(const oh_row *row);
void oh_close(oh_db *db);

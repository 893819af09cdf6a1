// Open MPI's C interface, from Debian's libopenmpi-dev. Debian's alternatives link
// /usr/include/<triplet>/mpi to the chosen implementation's include folder, so this finds
// /usr/lib/<triplet>/openmpi/include/mpi.h without an architecture-specific path.
#include <mpi/mpi.h>

// MPI_COMM_WORLD, MPI_FLOAT, MPI_SUM, ... are macros over global objects, which Swift cannot
// import; these functions hand them over.
static inline MPI_Comm segnb_mpi_comm_world(void) { return MPI_COMM_WORLD; }
static inline MPI_Datatype segnb_mpi_float(void) { return MPI_FLOAT; }
static inline MPI_Datatype segnb_mpi_int64(void) { return MPI_INT64_T; }
static inline MPI_Datatype segnb_mpi_double(void) { return MPI_DOUBLE; }
static inline MPI_Datatype segnb_mpi_byte(void) { return MPI_BYTE; }
static inline MPI_Op segnb_mpi_sum(void) { return MPI_SUM; }
static inline MPI_Op segnb_mpi_max(void) { return MPI_MAX; }
static inline void *segnb_mpi_in_place(void) { return MPI_IN_PLACE; }
static inline MPI_Errhandler segnb_mpi_errors_return(void) { return MPI_ERRORS_RETURN; }
static inline int segnb_mpi_success(void) { return MPI_SUCCESS; }
static inline int segnb_mpi_max_error_string(void) { return MPI_MAX_ERROR_STRING; }

"""The element names of TEI P5 (release 4.3.0, the release editio's schema is cut from).

editio's schema keeps only the TEI elements editio renders.  An element outside
it is either not TEI at all (a typo, HTML, a project's own invention) or TEI
that editio leaves out; the two call for different advice, and only the full
list of TEI's names can tell them apart without compiling ``tei_all``.
"""

TEI_ELEMENTS = frozenset("""
    ab abbr abstract accMat acquisition activity actor add additional additions addName address
    addrLine addSpan adminInfo affiliation age alt alternate altGrp altIdent altIdentifier am
    analytic anchor annotation annotationBlock anyElement app appInfo application arc argument att
    attDef attList attRef author authority availability back bibl biblFull biblScope biblStruct
    bicond binary binaryObject binding bindingDesc birth bloc body broadcast byline c caesura
    calendar calendarDesc camera caption case castGroup castItem castList catchwords catDesc
    category catRef cb cell certainty change channel char charDecl charName charProp choice cit
    citeData citedRange citeStructure cl classCode classDecl classes classRef classSpec climate
    closer code collation collection colloc colophon cond condition constitution constraint
    constraintSpec content conversion corr correction correspAction correspContext correspDesc
    country creation cRefPattern custEvent custodialHist damage damageSpan dataFacet dataRef
    dataSpec datatype date dateline death decoDesc decoNote def default defaultVal del delSpan depth
    derivation desc dictScrap dim dimensions distinct distributor district div div1 div2 div3 div4
    div5 div6 div7 divGen docAuthor docDate docEdition docImprint docTitle domain edition
    editionStmt editor editorialDecl education eg egXML eLeaf elementRef elementSpec ellipsis email
    emph empty encodingDesc entry entryFree epigraph epilogue equipment equiv eTree etym event ex
    exemplum expan explicit extent f facsimile factuality faith fDecl fDescr figDesc figure fileDesc
    filiation finalRubric fLib floatingText floruit foliation foreign forename forest form formula
    front fs fsConstraints fsdDecl fsDecl fsDescr fsdLink funder fvLib fw g gap gb gen genName geo
    geoDecl geogFeat geogName gi gloss glyph glyphName gram gramGrp graph graphic group handDesc
    handNote handNotes handShift head headItem headLabel height heraldry hi history hom hyph
    hyphenation ident idno if iff imprimatur imprint incident incipit index iNode institution
    interaction interp interpGrp interpretation item iType join joinGrp keywords kinesic l label
    lacunaEnd lacunaStart lang langKnowledge langKnown language langUsage layout layoutDesc lb lbl
    leaf lem lg licence line link linkGrp list listAnnotation listApp listBibl listChange listEvent
    listForest listNym listObject listOrg listPerson listPlace listPrefixDef listRef listRelation
    listTranspose listWit locale localName localProp location locus locusGrp m macroRef macroSpec
    mapping material measure measureGrp media meeting memberOf mentioned metamark metDecl metSym
    milestone mod model modelGrp modelSequence moduleRef moduleSpec monogr mood move msContents
    msDesc msFrag msIdentifier msItem msItemStruct msName msPart musicNotation name nameLink
    namespace nationality node normalization notatedMusic note noteGrp notesStmt num number numeric
    nym object objectDesc objectIdentifier objectName objectType occupation offset opener oRef org
    orgName orig origDate origin origPlace orth outputRendition p param paramList paramSpec
    particDesc path pause pb pc per performance persName person persona personGrp persPronouns phr
    physDesc place placeName population pos postBox postCode postscript precision pRef prefixDef
    preparedness principal profileDesc projectDesc prologue pron provenance ptr publicationStmt
    publisher pubPlace punctuation purpose q quotation quote rb rdg rdgGrp re recordHist recording
    recordingStmt redo ref refsDecl refState reg region relatedItem relation remarks rendition
    repository residence resp respons respStmt restore retrace revisionDesc rhyme role roleDesc
    roleName root row rs rt rubric ruby s said salute samplingDecl schemaRef schemaSpec scriptDesc
    scriptNote scriptStmt seal sealDesc secFol secl seg segmentation sense sequence series
    seriesStmt set setting settingDesc settlement sex shift sic signatures signed soCalled
    socecStatus sound source sourceDesc sourceDoc sp space span spanGrp speaker specDesc specGrp
    specGrpRef specList spGrp sponsor stage stamp standOff state stdVals street stress string
    styleDefDecl subc subst substJoin summary superEntry supplied support supportDesc surface
    surfaceGrp surname surplus surrogates syll symbol table tag tagsDecl tagUsage taxonomy tech TEI
    teiCorpus teiHeader term terrain text textClass textDesc textLang textNode then time timeline
    title titlePage titlePart titleStmt tns trailer trait transcriptionDesc transpose tree triangle
    typeDesc typeNote u unclear undo unicodeName unicodeProp unihanProp unit unitDecl unitDef usg
    val valDesc valItem valList vAlt value variantEncoding vColl vDefault view vLabel vMerge vNot
    vocal vRange w watermark when width wit witDetail witEnd witness witStart writing xenoData xr
    zone
""".split())
